// The intake queue's messages are S3 event notifications: the objects they name are read with their keys
// decoded, S3's test event names none, and anything else is refused so the message is retried and then
// parked rather than dropped.

import type { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { IntakeEventError, rawMailObjectsIn } from "../../functions/inbound-email/s3-event";
import { SqsIntakeQueue } from "../../shared/adapters/aws/sqs-intake-queue";

/** An S3 event notification as S3 puts it on a queue, for an object SES stored (AWS's documented shape). */
const notification = {
  Records: [
    {
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "eu-west-2",
      eventTime: "2026-11-23T10:00:00.192Z",
      eventName: "ObjectCreated:Put",
      userIdentity: { principalId: "AWS:AIDAINPONIXQXHT3IKHL2" },
      requestParameters: { sourceIPAddress: "205.255.255.255" },
      responseElements: {
        "x-amz-request-id": "D82B88E5F771F645",
        "x-amz-id-2": "vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=",
      },
      s3: {
        s3SchemaVersion: "1.0",
        configurationId: "raw-mail-to-intake",
        bucket: {
          name: "heed-raw-mail",
          ownerIdentity: { principalId: "A3I5XTEXAMAI3E" },
          arn: "arn:aws:s3:::heed-raw-mail",
        },
        object: {
          key: "inbound/My+parcel%3F+%C3%A9t%C3%A9",
          size: 1305107,
          eTag: "b21b84d653bb07b05b1e6b33684dc11b",
          sequencer: "0C0F6F405D6ED209E1",
        },
      },
    },
  ],
};

type Notification = typeof notification;

function withRecord(change: (record: Notification["Records"][number]) => void): string {
  const event = structuredClone(notification);
  change(event.Records[0] as Notification["Records"][number]);
  return JSON.stringify(event);
}

describe("rawMailObjectsIn", () => {
  it("reads the bucket, the decoded key and the size of each object created", () => {
    // Act
    const objects = rawMailObjectsIn(JSON.stringify(notification));

    // Assess
    expect(objects).toEqual([{ bucket: "heed-raw-mail", key: "inbound/My parcel? été", size: 1305107 }]);
  });

  it("accepts an object written by an AWS service, which S3 names instead of an IP address", () => {
    // Prepare
    const body = withRecord((record) => {
      record.requestParameters.sourceIPAddress = "ses.amazonaws.com";
    });

    // Act
    const objects = rawMailObjectsIn(body);

    // Assess
    expect(objects).toHaveLength(1);
  });

  it("reads the event Heed itself puts back on the queue for released and reconciled mail", async () => {
    // Prepare
    const sent: SendMessageCommand[] = [];
    const sqs = { send: async (command: SendMessageCommand) => sent.push(command) } as unknown as SQSClient;
    await new SqsIntakeQueue(sqs, "https://sqs.example/intake").redrive({
      bucket: "heed-raw-mail",
      key: "inbound/My parcel? été",
    });

    // Act
    const objects = rawMailObjectsIn(sent[0]?.input.MessageBody ?? "");

    // Assess
    expect(objects).toEqual([{ bucket: "heed-raw-mail", key: "inbound/My parcel? été", size: 0 }]);
  });

  it("skips records of other events and reads S3's test event as naming no object", () => {
    // Prepare
    const deleted = withRecord((record) => {
      record.eventName = "ObjectRemoved:Delete";
    });
    const testEvent = JSON.stringify({
      Service: "Amazon S3",
      Event: "s3:TestEvent",
      Time: "2026-11-23T10:00:00.000Z",
      Bucket: "heed-raw-mail",
      RequestId: "5582815E1AEA5ADF",
      HostId: "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
    });

    // Act
    const objects = [rawMailObjectsIn(deleted), rawMailObjectsIn(testEvent)];

    // Assess
    expect(objects).toEqual([[], []]);
  });

  it.each([
    ["a body that is not JSON", "this is not an S3 event"],
    ["JSON that is no S3 event", JSON.stringify({ hello: "world" })],
    ["an event with no records", JSON.stringify({ Records: [] })],
    [
      "a record without its object key",
      withRecord((record) => {
        (record.s3.object as { key?: string }).key = undefined;
      }),
    ],
  ])("refuses %s, so the message is retried and then parked", (_, body) => {
    expect(() => rawMailObjectsIn(body)).toThrow(IntakeEventError);
  });
});
