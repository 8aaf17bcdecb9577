// One case, everything about it on one page: what the customer sent and what we sent (as text, with
// hidden characters shown), the details Heed extracted and where each came from, the classification
// and its evidence, the referral history, the promises made with their due dates, attachments to
// download, the actions the colleague may take on it (only those: the API says which), and for head
// office who has looked at the case.

import { ApiError, api, caseApi } from "../api.js";
import { append, clear, details, formatDate, h, words } from "../dom.js";
import { clocksSection, complaintEventBody, regulatedLetterForms } from "./complaint-handling.js";
import { actionForm, errorView, setFlash, takeFlash } from "./forms.js";

const LEVELS = ["frontline", "supervisor", "management", "head-office"];
/** The kinds in the labelling guide's order of precedence, with what each means there. */
const KINDS = ["complaint", "compliment", "problem", "request", "query"];
const KIND_MEANINGS = {
  complaint: "any expression of dissatisfaction, whether or not the word is used",
  compliment: "praise or thanks with no dissatisfaction",
  problem: "something has gone wrong, reported without dissatisfaction",
  request: "asks us to do something that is not redress for a failure",
  query: "asks for information only",
};
const CAUSES = ["expectation-gap", "system-or-procedure-failure", "unknown"];
const DETAILS = ["name", "phone", "address", "postcode", "transaction-reference"];

function money(amount, currency) {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(amount);
}

function section(title, ...content) {
  return h("section", { class: "panel" }, h("h2", {}, title), ...content);
}

function table(headings, rows) {
  return h(
    "table",
    {},
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        headings.map((heading) => h("th", { scope: "col" }, heading)),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((cells) =>
        h(
          "tr",
          {},
          cells.map((cell) => h("td", {}, cell)),
        ),
      ),
    ),
  );
}

/** The display name and the address it came with, side by side, so a name cannot pass for someone else. */
function sender(name, address) {
  return h(
    "span",
    { class: "sender" },
    name ? [h("span", { class: "display-name" }, name), " "] : undefined,
    h("span", { class: "address" }, `<${address}>`),
  );
}

function attachmentList(record, attachments) {
  if (!attachments?.length) return undefined;
  return h(
    "ul",
    { class: "attachments" },
    attachments.map((attachment) => {
      const id = attachment.storageKey.split("/").pop();
      const status = h("span", { role: "status" });
      return h(
        "li",
        {},
        h(
          "button",
          {
            type: "button",
            class: "link-button",
            on: {
              click: async () => {
                try {
                  const link = await api(
                    `${caseApi(record.reference)}/attachments/${encodeURIComponent(id)}`,
                  );
                  window.location.assign(link.url);
                } catch (error) {
                  status.replaceChildren(...[errorView(error)].flat());
                }
              },
            },
          },
          `Download ${attachment.displayName}`,
        ),
        ` ${attachment.detectedType}, ${Math.ceil(attachment.size / 1024)} KB`,
        attachment.declaredType !== attachment.detectedType
          ? h("span", { class: "tag warning" }, `sent as ${attachment.declaredType}`)
          : undefined,
        status,
      );
    }),
  );
}

function eventBody(record, event) {
  switch (event.type) {
    case "message-received":
      return [
        h(
          "p",
          {},
          `Received by ${words(event.channel)} from `,
          sender(event.fromName ?? (event.fromCustomer ? record.customer.name : undefined), event.from),
        ),
        event.possibleSpoof
          ? h("p", { class: "tag warning" }, "Failed SPF or DMARC checks: may not be from who it says")
          : event.fromCustomer
            ? undefined
            : h("p", { class: "tag warning" }, "Not from the case's customer: read with care"),
        h("p", { class: "subject" }, "Subject: ", event.subject),
        h("pre", { class: "message-text", dir: "auto" }, event.text),
        event.textTruncated
          ? h("p", { class: "note" }, "The message was longer; the full message is kept as received.")
          : undefined,
        attachmentList(record, event.attachments),
      ];
    case "message-sent":
      return [
        h(
          "p",
          {},
          `Sent (${words(event.purpose)}) to `,
          sender(undefined, event.to),
          event.sentBy ? ` by ${event.sentBy}` : "",
        ),
        h("p", { class: "subject" }, "Subject: ", event.subject),
        h("pre", { class: "message-text" }, event.text),
      ];
    case "message-not-sent":
      return h("p", {}, `Not sent (${words(event.purpose)}): ${words(event.reason)}`);
    case "message-blocked":
      return [
        h("p", {}, `${event.by} asked to send a ${words(event.purpose)}; the promise check stopped it:`),
        h(
          "ul",
          {},
          event.findings.map((finding) =>
            h("li", {}, h("mark", {}, finding.phrase), ` — ${words(finding.kind)}`),
          ),
        ),
      ];
    case "referred":
      return h("p", {}, `Referred to ${words(event.level)}: ${event.reason}`);
    case "re-referred":
      return h(
        "p",
        {},
        `${event.by} re-referred it from ${words(event.fromLevel)} to ${words(event.level)}: ${event.reason}`,
      );
    case "staff-notified":
      return h(
        "p",
        {},
        `The ${words(event.level)} team was emailed at ${event.to}`,
        event.caseCount > 1 ? ` (a digest of ${event.caseCount} cases)` : "",
        event.notification === "repeated-theme" ? " about a repeated theme" : "",
      );
    case "claimed":
      return h(
        "p",
        {},
        `${event.by} took the case on as ${words(event.role)}`,
        event.previous ? ` from ${event.previous}` : "",
      );
    case "note-added":
      return [h("p", {}, `Internal note by ${event.by}:`), h("pre", { class: "message-text" }, event.text)];
    case "detail-corrected":
      return correctionLine(event.correction);
    case "classification-corrected":
      return event.corrections.map(correctionLine);
    case "offer-agreed":
      return [
        h(
          "p",
          {},
          `${event.by} agreed a ${event.offer} of ${money(event.amount, event.currency)}: ${event.description}`,
        ),
        h("p", { class: "note" }, event.authority),
      ];
    case "commitment-recorded":
      return h(
        "p",
        {},
        `${event.by} promised: ${event.description} (due ${formatDate(event.dueAt)}, owner ${event.owner})`,
      );
    case "commitment-kept":
      return h("p", {}, `${event.by} marked a promise kept`, event.note ? `: ${event.note}` : "");
    case "commitment-missed":
      return h("p", {}, `A promise was missed (due ${formatDate(event.dueAt)}, owner ${event.owner})`);
    case "options-proposed":
      return [
        h("p", {}, `${event.by} proposed options:`),
        h(
          "ol",
          {},
          event.options.map((option) =>
            h("li", {}, option.label, option.detail ? ` — ${option.detail}` : ""),
          ),
        ),
      ];
    case "option-chosen":
      return h("p", {}, `The customer chose option ${event.optionId}: ${event.label}`);
    case "outcome-recorded":
      return h(
        "p",
        {},
        `${event.outcome.by} recorded the case ${event.outcome.type}: ${event.outcome.agreed ?? event.outcome.reasons ?? ""}`,
      );
    case "feedback-received":
      return h(
        "p",
        {},
        `Feedback: ${event.feedback.rating} out of 5`,
        event.feedback.comment ? ` — ${event.feedback.comment}` : "",
      );
    default:
      return (
        complaintEventBody(event) ??
        details(
          Object.entries(event)
            .filter(
              ([key, value]) =>
                !["type", "caseReference", "eventId", "at"].includes(key) && typeof value !== "object",
            )
            .map(([key, value]) => [words(key), String(value)]),
        )
      );
  }
}

function correctionLine(correction) {
  return h(
    "p",
    {},
    `${correction.by} corrected the ${words(correction.field)}: `,
    h("del", {}, correction.original ?? "(nothing)"),
    " → ",
    h("ins", {}, correction.corrected),
    ` (${correction.reason})`,
  );
}

function timelineSection(record, timeline) {
  return section(
    "Timeline",
    h(
      "ol",
      { class: "timeline" },
      timeline.map((event) =>
        h(
          "li",
          { class: `event ${event.type}` },
          h(
            "p",
            { class: "event-head" },
            h("strong", {}, words(event.type)),
            " ",
            h("time", { datetime: event.at }, formatDate(event.at)),
          ),
          eventBody(record, event),
        ),
      ),
    ),
  );
}

function customerSection(record) {
  const { customer } = record;
  return section(
    "Customer and details",
    details([
      ["Customer", sender(customer.name, customer.email)],
      ["Phone", customer.phone],
      ["Address", customer.address],
      ["Postcode", customer.postcode],
      ["References given (order, account, booking…)", record.transactionReferences.join(", ")],
      ["Customer reference", record.customerReference],
      ["Channel", words(record.channel)],
      ["Forwarded by", record.forwardedBy],
      ["Contact preference", record.form?.contactPreference],
      ["Language", record.language],
      ["Amount claimed", record.amountClaimed === undefined ? undefined : money(record.amountClaimed, "GBP")],
      ["Wants", record.wants?.map(words).join(", ")],
    ]),
    h("h3", {}, "What Heed found, and where"),
    record.extracted.length === 0
      ? h("p", {}, "Nothing was extracted.")
      : table(
          ["Detail", "Value", "Found in", "Trust"],
          record.extracted.map((detail) => [
            words(detail.field),
            detail.value,
            words(detail.source),
            `${detail.confidence}${detail.kind ? ` (${words(detail.kind)})` : ""}`,
          ]),
        ),
    record.corrections?.length
      ? [
          h("h3", {}, "Corrections by staff"),
          h(
            "ul",
            { class: "corrections" },
            record.corrections.map((correction) => h("li", {}, correctionLine(correction))),
          ),
        ]
      : undefined,
  );
}

function classificationSection(record) {
  const { classification } = record;
  return section(
    "Classification",
    details([
      ["Kind", `${classification.kind} (${KIND_MEANINGS[classification.kind] ?? "as the guide defines it"})`],
      ["Category", words(classification.category)],
      ["Likely cause", words(classification.cause)],
      ["Signals", classification.signals.map(words).join(", ") || "none"],
    ]),
    classification.evidence.length
      ? table(
          ["Rule", "Matched in the message"],
          classification.evidence.map((item) => [words(item.rule), h("q", {}, item.matched)]),
        )
      : h("p", {}, "No phrases were matched."),
  );
}

function referralSection(record, timeline) {
  const history = timeline.filter((event) =>
    ["referred", "re-referred", "staff-notified", "claimed"].includes(event.type),
  );
  return section(
    "Referral",
    details([
      ["Now with", words(record.referral.level)],
      ["Why", record.referral.reason],
      ["Referred by", record.referral.referredBy],
      ["Queue message", record.referral.state],
      ["Taken on by", record.claim ? `${record.claim.by}, ${formatDate(record.claim.at)}` : "nobody yet"],
    ]),
    h(
      "ol",
      { class: "history" },
      history.map((event) =>
        h("li", {}, h("time", { datetime: event.at }, formatDate(event.at)), " ", eventBody(record, event)),
      ),
    ),
  );
}

function promisesSection(commitments) {
  if (commitments === undefined)
    return section("Promises", h("p", {}, "The promise ledger could not be read."));
  return section(
    "Promises",
    commitments.length === 0
      ? h("p", {}, "No promises have been made to this customer.")
      : table(
          ["Promise", "Due", "Owner", "State"],
          commitments.map((commitment) => [
            commitment.description,
            formatDate(commitment.dueAt),
            commitment.owner,
            commitment.state,
          ]),
        ),
  );
}

/** A refund or goodwill given with an option or a resolution, as the API's `money` field, or nothing. */
function moneyOf(type, amount) {
  return type && amount ? { money: { type, amount } } : {};
}

const MONEY_FIELDS = (prefix) => [
  {
    name: `${prefix}Type`,
    label: "Refund or goodwill included (if any)",
    type: "select",
    options: [{ value: "", label: "None" }, "refund", "goodwill"],
    required: false,
  },
  {
    name: `${prefix}Amount`,
    label: "Amount (£)",
    type: "number",
    step: "0.01",
    min: "0.01",
    required: false,
  },
];

function accessSection(accesses) {
  if (accesses === undefined) return undefined;
  return section(
    "Who has looked at this case",
    accesses.length === 0
      ? h("p", {}, "Nobody has opened it yet.")
      : table(
          ["When", "Who", "Role", "What"],
          accesses.map((access) => [
            formatDate(access.at),
            access.by,
            words(access.role),
            `${words(access.what)}${access.detail ? ` (${words(access.detail)})` : ""}`,
          ]),
        ),
  );
}

function actionsSection(record, timeline, youMay, context, rules) {
  const may = (capability) => youMay.includes(capability);
  const path = caseApi(record.reference);
  const done = (message) => async () => {
    setFlash(message);
    await context.refresh();
  };
  const post = (suffix, body, message) => async () => {
    await api(`${path}/${suffix}`, { method: "POST", body });
    await done(message)();
  };
  const proposals = timeline.filter((event) => event.type === "options-proposed");
  const categories = context.me.categories ?? [record.classification.category];
  /** The signals staff may correct, as the API lists them; the others follow from the message. */
  const correctableSignals = context.me.correctableSignals;
  const forms = [
    ...regulatedLetterForms(record, rules, youMay, context),
    may("take-case") &&
      (!record.claim || may("take-over")) &&
      actionForm({
        id: "claim",
        title: record.claim ? `Taken on by ${record.claim.by}` : "Take this case",
        submit: "Take this case",
        fields: record.claim ? [{ name: "takeOver", label: "Take it over from them", type: "checkbox" }] : [],
        run: (values) => post("claim", values, "You have taken this case on.")(),
      }),
    may("send-update") &&
      actionForm({
        id: "update",
        title: "Send the customer an update",
        submit: "Send update",
        fields: [
          {
            name: "text",
            label: "What has happened so far (plain words, no promises)",
            type: "textarea",
            rows: 5,
          },
        ],
        run: (values) => post("updates", values, "The update was sent to the customer.")(),
      }),
    may("add-note") &&
      actionForm({
        id: "note",
        title: "Add an internal note",
        submit: "Add note",
        fields: [{ name: "text", label: "Note (staff only)", type: "textarea" }],
        run: (values) => post("notes", values, "The note was added.")(),
      }),
    may("record-commitment") &&
      actionForm({
        id: "commitment",
        title: "Record a promise",
        submit: "Record promise",
        fields: [
          { name: "description", label: "What was promised", type: "textarea", rows: 2 },
          { name: "dueAt", label: "Due", type: "datetime-local" },
          { name: "owner", label: "Who keeps it (you, if empty)", required: false },
        ],
        run: (values) =>
          post(
            "commitments",
            { ...values, dueAt: values.dueAt ? new Date(values.dueAt).toISOString() : undefined },
            "The promise was recorded.",
          )(),
      }),
    may("re-refer") &&
      actionForm({
        id: "refer",
        title: "Re-refer to another level",
        submit: "Re-refer",
        fields: [
          {
            name: "level",
            label: "Level",
            type: "select",
            options: LEVELS.filter((level) => level !== record.referral.level),
          },
          { name: "reason", label: "Why", type: "textarea", rows: 2 },
        ],
        run: (values) => post("refer", values, `The case was re-referred to ${words(values.level)}.`)(),
      }),
    may("agree-offer") &&
      actionForm({
        id: "offer",
        title: "Agree a refund or goodwill gesture",
        submit: "Agree offer",
        fields: [
          { name: "type", label: "Type", type: "select", options: ["refund", "goodwill"] },
          { name: "amount", label: "Amount (£)", type: "number", step: "0.01", min: "0.01" },
          { name: "description", label: "What it is for", type: "textarea", rows: 2 },
        ],
        run: (values) => post("offers", values, "The offer was agreed and recorded.")(),
      }),
    may("correct") &&
      actionForm({
        id: "detail",
        title: "Correct a detail",
        submit: "Correct detail",
        fields: [
          { name: "field", label: "Detail", type: "select", options: DETAILS },
          { name: "value", label: "Correct value" },
          { name: "reason", label: "How you know", type: "textarea", rows: 2 },
        ],
        run: (values) => post("details", values, "The detail was corrected; the original stays on record.")(),
      }),
    may("correct") &&
      actionForm({
        id: "classification",
        title: "Correct the classification",
        submit: "Correct classification",
        fields: [
          // Each starts at what the case says, so a colleague correcting one thing leaves the rest.
          { name: "kind", label: "Kind", type: "select", options: KINDS, value: record.classification.kind },
          {
            name: "category",
            label: "Category",
            type: "select",
            options: categories,
            value: record.classification.category,
          },
          {
            name: "cause",
            label: "Likely cause",
            type: "select",
            options: CAUSES,
            value: record.classification.cause,
          },
          ...correctableSignals.map((signal) => ({
            name: `signal-${signal}`,
            label: `Signal: ${words(signal)}`,
            type: "checkbox",
            checked: record.classification.signals.includes(signal),
          })),
          { name: "reason", label: "Why", type: "textarea", rows: 2 },
        ],
        run: (values) => {
          const { kind, category, cause, reason } = values;
          const signals = correctableSignals.filter((signal) => values[`signal-${signal}`]);
          const body = { kind, category, cause, signals, reason };
          return post(
            "classification",
            body,
            "The classification was corrected; the original stays on record.",
          )();
        },
      }),
    may("propose-options") &&
      actionForm({
        id: "options",
        title: "Propose options to the customer",
        submit: "Propose options",
        fields: [
          { name: "option1", label: "Option 1" },
          { name: "option2", label: "Option 2", required: false },
          { name: "option3", label: "Option 3", required: false },
          ...MONEY_FIELDS("option1"),
          {
            name: "message",
            label: "Message with the options (optional)",
            type: "textarea",
            rows: 3,
            required: false,
          },
        ],
        run: (values) =>
          post(
            "options",
            {
              options: [values.option1, values.option2, values.option3]
                .filter(Boolean)
                .map((label, index) =>
                  index === 0 ? { label, ...moneyOf(values.option1Type, values.option1Amount) } : { label },
                ),
              ...(values.message ? { message: values.message } : {}),
            },
            "The options were sent to the customer.",
          )(),
      }),
    may("propose-options") && proposals.length > 0
      ? actionForm({
          id: "choice",
          title: "Record the customer's choice",
          submit: "Record choice",
          fields: [
            {
              name: "choice",
              label: "Option chosen",
              type: "select",
              options: proposals.flatMap((proposal) =>
                proposal.options.map((option) => ({
                  value: `${proposal.proposalId}|${option.optionId}`,
                  label: `${option.optionId}. ${option.label}`,
                })),
              ),
            },
          ],
          run: (values) => {
            const [proposalId, optionId] = String(values.choice).split("|");
            return post("options/choice", { proposalId, optionId }, "The customer's choice was recorded.")();
          },
        })
      : undefined,
    may("resolve") &&
      actionForm({
        id: "resolve",
        title: "Resolve the case",
        submit: "Resolve case",
        fields: [
          { name: "agreed", label: "What was agreed with the customer", type: "textarea", rows: 3 },
          ...MONEY_FIELDS("resolve"),
        ],
        run: (values) =>
          post(
            "resolve",
            { agreed: values.agreed, ...moneyOf(values.resolveType, values.resolveAmount) },
            "The case is resolved and the customer was told.",
          )(),
      }),
    may("close-unresolved") &&
      actionForm({
        id: "unresolved",
        title: "Close without a resolution",
        submit: "Close unresolved",
        fields: [{ name: "reasons", label: "Why it cannot be resolved", type: "textarea", rows: 3 }],
        run: (values) =>
          post(
            "close-unresolved",
            values,
            "The case is closed unresolved; the customer was told where else to get help.",
          )(),
      }),
  ].filter(Boolean);
  const limits = `This case is with ${words(record.referral.level)}; only what your role may do on it is shown.`;
  return section(
    "Act on this case",
    may("take-case") ? undefined : h("p", { class: "note" }, limits),
    h("div", { class: "actions" }, forms),
  );
}

export async function renderCase(main, [reference], context) {
  let view;
  try {
    view = await api(caseApi(reference));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    main.append(h("h1", {}, reference), h("div", { role: "alert" }, errorView(error)));
    if (error.details.suggestion)
      main.append(
        h(
          "p",
          {},
          h(
            "a",
            { href: `#/cases/${encodeURIComponent(error.details.suggestion)}` },
            `Open ${error.details.suggestion}`,
          ),
        ),
      );
    return;
  }
  const { case: record, timeline, clocks, youMay = [] } = view;
  const rules = await api("/api/complaint-rules").catch(() => undefined);
  const accesses = context.me.capabilities.includes("read-access-log")
    ? await api(`${caseApi(record.reference)}/access`)
        .then((answer) => answer.accesses)
        .catch(() => undefined)
    : undefined;
  const commitments = await api(`${caseApi(record.reference)}/commitments`)
    .then((answer) => (Array.isArray(answer) ? answer : answer.commitments))
    .catch(() => undefined);
  const flash = takeFlash();
  append(clear(main), [
    h(
      "h1",
      {},
      `${record.reference} `,
      h("span", { class: `tag status-${record.status}` }, words(record.status)),
    ),
    h("p", { class: "subject lead" }, record.subject),
    flash ? h("p", { class: "flash", role: "status" }, flash) : undefined,
    h(
      "p",
      {},
      `${record.classification.kind} about ${words(record.classification.category)}, received ${formatDate(record.createdAt)}, with ${words(record.referral.level)}.`,
    ),
    Object.entries(record.flags ?? {}).map(([code, flag]) =>
      h("p", { class: "tag warning" }, `${words(code)}: ${flag.detail}`),
    ),
    clocksSection(clocks),
    youMay.some((capability) => capability !== "read-case")
      ? actionsSection(record, timeline, youMay, context, rules)
      : undefined,
    customerSection(record),
    classificationSection(record),
    referralSection(record, timeline),
    promisesSection(commitments),
    timelineSection(record, timeline),
    accessSection(accesses),
  ]);
}
