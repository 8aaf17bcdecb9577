import { describe, expect, it } from "vitest";
import { displayFilename, sniffContentType } from "../../shared/domain/attachments";

describe("sniffContentType", () => {
  it.each([
    [[0x25, 0x50, 0x44, 0x46, 0x2d], "application/pdf"],
    [[0x89, 0x50, 0x4e, 0x47, 0x0d], "image/png"],
    [[0x78, 0x9f, 0x3e, 0x22, 0x00], "application/vnd.ms-tnef"],
    [[0x4d, 0x5a, 0x90, 0x00], "application/x-msdownload"],
    [[0x68, 0x65, 0x6c, 0x6c, 0x6f], "text/plain"],
    [[0x00, 0x01, 0x02, 0x03], "application/octet-stream"],
  ])("reads %j as %s whatever the sender declared", (bytes, type) => {
    expect(sniffContentType(Uint8Array.from(bytes))).toBe(type);
  });
});

describe("displayFilename", () => {
  it("drops paths, controls and bidi overrides", () => {
    expect(displayFilename("..\\..\\windows\\invoice\u202efdp.exe")).toBe("invoicefdp.exe");
    expect(displayFilename("../../etc/passwd")).toBe("passwd");
    expect(displayFilename("..")).toBe("attachment");
  });
});
