// Regulated complaint handling in the console: a case's complaint clocks (deadline, time left, what
// stopped or paused them), the letters the rule pack requires with the fields each asks for, the
// payment-services attribute, pausing and resuming clocks where the pack allows, and the complaints
// return page (figures by category and cause, a chart, CSV).

import { api, caseApi } from "../api.js";
import { barChart } from "../charts.js";
import { formatDate, h, words } from "../dom.js";
import { actionForm, downloadButton, setFlash } from "./forms.js";

const DECISIONS = [
  { value: "upheld", label: "Upheld" },
  { value: "partly-upheld", label: "Partly upheld" },
  { value: "rejected", label: "Rejected (not upheld)" },
];

/** The clocks on the case: when each is due, how long is left, or which letter met it. */
export function clocksSection(clocks) {
  if (!clocks?.length) return undefined;
  return h(
    "section",
    { class: "panel", "aria-labelledby": "clocks-title" },
    h("h2", { id: "clocks-title" }, "Complaint clocks"),
    h(
      "ul",
      { class: "clocks" },
      clocks.map((clock) =>
        h(
          "li",
          { class: `clock clock-${clock.state}` },
          h("strong", {}, clock.label),
          clock.state === "paused"
            ? `: paused since ${formatDate(clock.pausedSince)}; due by the end of ${formatDate(clock.dueAt)} if resumed today — `
            : `: due by the end of ${formatDate(clock.dueAt)} — `,
          h("span", { class: "time-left" }, clock.timeLeft),
          clock.pausedDays && clock.state !== "paused"
            ? ` (moved ${clock.pausedDays} ${clock.pausedDays === 1 ? "day" : "days"} later by pauses)`
            : undefined,
          clock.stoppedBy ? ` (${words(clock.stoppedBy)}, ${formatDate(clock.stoppedAt)})` : undefined,
          clock.extendedBy ? ` (lengthened by ${words(clock.extendedBy)})` : undefined,
        ),
      ),
    ),
  );
}

function letterFields(letter, currency) {
  const fields = [];
  if (letter.decision)
    fields.push({ name: "decision", label: "Decision", type: "select", options: DECISIONS });
  if (letter.asks.includes("explanation"))
    fields.push({
      name: "explanation",
      label: "What we found or did (plain words, no promises)",
      type: "textarea",
      rows: 4,
    });
  if (letter.asks.includes("delayReason"))
    fields.push({
      name: "delayReason",
      label: "Why the final response is not ready yet",
      type: "textarea",
      rows: 3,
    });
  if (letter.asks.includes("redress")) {
    fields.push({
      name: "redressAmount",
      label: `Redress (${currency}), if any`,
      type: "number",
      step: "0.01",
      min: "0",
      required: false,
    });
    fields.push({ name: "redressDescription", label: "What the redress is for", required: false });
  }
  return fields;
}

/** How the timeline reads regulated handling's events; undefined for any other event. */
export function complaintEventBody(event) {
  const clocks = (ids) => ids.map(words).join(", ");
  switch (event.type) {
    case "regulated-letter-sent":
      return h(
        "p",
        {},
        `${event.by} sent the ${event.label}`,
        event.decision ? ` (${words(event.decision)})` : "",
        event.redress ? `, with redress of ${event.redress.description}` : "",
        ".",
        event.stopsClocks.length ? ` It stops: ${clocks(event.stopsClocks)}.` : "",
        event.extendsClocks.length ? ` It lengthens: ${clocks(event.extendsClocks)}.` : "",
      );
    case "complaint-clock-warning":
      return h(
        "p",
        {},
        `${words(event.clockId)} falls due by the end of ${formatDate(event.dueAt)}: ${clocks(event.levels)} warned.`,
      );
    case "complaint-clock-breach":
      return h(
        "p",
        {},
        `${words(event.clockId)} ran out at ${formatDate(event.dueAt)}: ${words(event.level)} told.`,
      );
    case "payment-services-set":
      return h(
        "p",
        {},
        `${event.by} marked the complaint as ${event.paymentServices ? "" : "not "}about payment services.`,
      );
    case "complaint-clocks-paused":
      return h(
        "p",
        {},
        `${event.by} paused ${clocks(event.clocks)} while waiting for the customer: ${event.waitingFor}`,
      );
    case "complaint-clocks-resumed":
      return h(
        "p",
        {},
        `${event.by} resumed the clocks paused since ${formatDate(event.pausedSince)}. `,
        event.clocks
          .map((clock) => `${words(clock.clockId)} is now due by the end of ${formatDate(clock.dueAt)}`)
          .join("; "),
        ".",
      );
    default:
      return undefined;
  }
}

/**
 * One form per letter the rule pack requires, the payment-services attribute, and pausing or resuming
 * the clocks: each only when the API says the colleague may do it on this case (`youMay`).
 */
export function regulatedLetterForms(record, rules, youMay, context) {
  if (!rules || record.classification.kind !== "complaint") return [];
  const path = caseApi(record.reference);
  const currency = context.me.authority?.currency ?? "GBP";
  const paymentServices = record.complaintHandling?.paymentServices === true;
  const letters = youMay.includes("send-regulated-letter") ? rules.letters : [];
  const forms = letters.map((letter) =>
    actionForm({
      id: `letter-${letter.id}`,
      title: `Send: ${letter.label}`,
      submit: "Send letter",
      fields: letterFields(letter, currency),
      run: async ({ redressAmount, redressDescription, ...values }) => {
        const body = {
          letterId: letter.id,
          ...values,
          ...(redressAmount
            ? { redress: { amount: redressAmount, description: redressDescription ?? "" } }
            : {}),
        };
        const sent = await api(`${path}/regulated-letters`, { method: "POST", body });
        setFlash(
          sent.stopsClocks.length
            ? `The ${letter.label} was sent; it stops: ${sent.stopsClocks.map(words).join(", ")}.`
            : `The ${letter.label} was sent.`,
        );
        await context.refresh();
      },
    }),
  );
  if (
    youMay.includes("set-payment-services") &&
    rules.clocks.some((clock) => clock.appliesTo !== "all-complaints")
  )
    forms.push(
      actionForm({
        id: "payment-services",
        title: paymentServices
          ? "About payment services (15 business days)"
          : "Mark as about payment services",
        submit: paymentServices ? "Not about payment services" : "About payment services",
        fields: [],
        run: async () => {
          await api(`${path}/payment-services`, {
            method: "POST",
            body: { paymentServices: !paymentServices },
          });
          setFlash("The complaint's clock was changed.");
          await context.refresh();
        },
      }),
    );
  forms.push(...pauseForms(record, rules, youMay, context));
  return forms;
}

const WAITING_FOR_CUSTOMER = "awaiting-customer-information";

/** Pause the clocks while waiting for the customer, or resume them: only where the pack's clocks pause. */
function pauseForms(record, rules, youMay, context) {
  const pauses = rules.clocks.some((clock) => clock.pausedWhile?.includes(WAITING_FOR_CUSTOMER));
  if (!pauses || !youMay.includes("pause-complaint-clocks")) return [];
  const path = caseApi(record.reference);
  const paused = (record.complaintHandling?.pauses ?? []).some((pause) => !pause.until);
  const run = (action, body, message) => async (values) => {
    await api(`${path}/${action}`, { method: "POST", body: body(values) });
    setFlash(message);
    await context.refresh();
  };
  return [
    paused
      ? actionForm({
          id: "clock-resume",
          title: "Resume the clocks (the customer's information came)",
          submit: "Resume clocks",
          fields: [],
          run: run("clock-resume", () => ({}), "The clocks run again, to a later deadline."),
        })
      : actionForm({
          id: "clock-pause",
          title: "Pause the clocks while waiting for the customer",
          submit: "Pause clocks",
          fields: [{ name: "waitingFor", label: "What we are waiting for from the customer" }],
          run: run(
            "clock-pause",
            ({ waitingFor }) => ({ reason: WAITING_FOR_CUSTOMER, waitingFor }),
            "The clocks are paused.",
          ),
        }),
  ];
}

/** The complaints return for a period: the FCA return's figures, by category and by cause. */
export async function renderComplaintsReturn(main, [query]) {
  const params = new URLSearchParams(query ?? "");
  const today = new Date().toISOString().slice(0, 10);
  const from = params.get("from") ?? `${today.slice(0, 4)}-01-01`;
  const to = params.get("to") ?? today;
  const figures = await api(`/api/reports/complaints-return?from=${from}&to=${to}`);
  const row = (name, item) =>
    h(
      "tr",
      {},
      h("th", { scope: "row" }, words(name)),
      [
        item.opened,
        item.closedWithinThreeBusinessDays,
        item.closedWithinEightWeeks,
        item.closedAfterEightWeeks,
        item.upheldPercent === null ? "—" : `${item.upheldPercent}%`,
        item.redressPaid.toFixed(2),
      ].map((value) => h("td", {}, String(value))),
    );
  const table = (caption, rows) =>
    h(
      "table",
      { class: "complaints-return" },
      h("caption", {}, caption),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [
            "",
            "Opened",
            "Closed in 3 business days",
            "Closed in 8 weeks",
            "Closed after 8 weeks",
            "Upheld",
            "Redress paid",
          ].map((title) => h("th", { scope: "col" }, title)),
        ),
      ),
      h("tbody", {}, rows),
    );
  main.append(
    h("h1", {}, "Complaints return"),
    h(
      "form",
      {
        class: "period",
        method: "get",
        action: "#/complaints-return",
        on: {
          submit: (event) => {
            event.preventDefault();
            const data = new FormData(event.target);
            window.location.hash = `#/complaints-return?from=${data.get("from")}&to=${data.get("to")}`;
          },
        },
      },
      h("label", { for: "return-from" }, "From"),
      h("input", { id: "return-from", name: "from", type: "date", value: from }),
      h("label", { for: "return-to" }, "To"),
      h("input", { id: "return-to", name: "to", type: "date", value: to }),
      h("button", { type: "submit" }, "Show"),
    ),
    downloadButton(
      `/api/reports/complaints-return?from=${from}&to=${to}&format=csv`,
      `heed-complaints-return-${from}-${to}.csv`,
    ),
    table(`All complaints, ${from} to ${to}`, [row("total", figures.totals)]),
    h(
      "div",
      { class: "charts" },
      barChart("Complaints closed", [
        { label: "In 3 business days", value: figures.totals.closedWithinThreeBusinessDays },
        { label: "In 8 weeks", value: figures.totals.closedWithinEightWeeks },
        { label: "After 8 weeks", value: figures.totals.closedAfterEightWeeks },
      ]),
      barChart(
        "Opened by category",
        figures.byCategory.map((item) => ({ label: words(item.category), value: item.opened })),
      ),
    ),
    table(
      "By category",
      figures.byCategory.map((item) => row(item.category, item)),
    ),
    table(
      "By cause",
      figures.byCause.map((item) => row(item.cause, item)),
    ),
  );
}
