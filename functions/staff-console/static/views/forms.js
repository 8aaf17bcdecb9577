// Small forms for case actions: each one posts JSON to the staff API and shows the answer where the
// colleague is looking — a refusal with its reason, or the phrases the promise check caught, marked —
// and the download buttons of the report pages.

import { ApiError, download } from "../api.js";
import { h, marked, words } from "../dom.js";

let flash;

/** A message to show at the top of the next page drawn (after an action re-draws the case). */
export function setFlash(message) {
  flash = message;
}

export function takeFlash() {
  const message = flash;
  flash = undefined;
  return message;
}

function control(field) {
  const id = `field-${field.form}-${field.name}`;
  const common = { id, name: field.name, required: field.required !== false };
  let input;
  if (field.type === "textarea") input = h("textarea", { ...common, rows: field.rows ?? 4 });
  else if (field.type === "select")
    input = h(
      "select",
      common,
      field.options.map((option) =>
        typeof option === "string"
          ? h("option", { value: option, selected: option === field.value }, words(option))
          : h("option", { value: option.value, selected: option.value === field.value }, option.label),
      ),
    );
  else if (field.type === "checkbox")
    input = h("input", { id, name: field.name, type: "checkbox", checked: field.checked === true });
  else input = h("input", { ...common, type: field.type ?? "text", step: field.step, min: field.min });
  const label = h("label", { for: id }, field.label);
  return field.type === "checkbox"
    ? h("div", { class: "field checkbox" }, input, label)
    : h("div", { class: "field" }, label, input);
}

function valuesOf(form, fields) {
  const data = new FormData(form);
  const values = {};
  for (const field of fields) {
    if (field.type === "checkbox") values[field.name] = data.get(field.name) === "on";
    else {
      const value = String(data.get(field.name) ?? "").trim();
      if (value !== "") values[field.name] = field.type === "number" ? Number(value) : value;
    }
  }
  return values;
}

export function errorView(error) {
  if (!(error instanceof ApiError)) return h("p", {}, error.message);
  const parts = [h("p", {}, error.message)];
  const findings = error.details.findings ?? [];
  if (findings.length > 0) {
    parts.push(
      h(
        "ul",
        { class: "findings" },
        findings.map((finding) =>
          h(
            "li",
            {},
            h("mark", {}, finding.phrase),
            ` — ${words(finding.kind)}${finding.field ? ` (in ${finding.field})` : ""}`,
          ),
        ),
      ),
    );
    for (const [field, text] of Object.entries(error.details.highlighted ?? {})) {
      parts.push(
        h("p", { class: "label" }, `Your ${field}, with the phrases to reword marked:`),
        h("pre", { class: "message-text" }, marked(text)),
      );
    }
  }
  if (error.details.suggestion) parts.push(h("p", {}, `Did you mean ${error.details.suggestion}?`));
  for (const item of error.details.problems ?? [])
    parts.push(h("p", {}, `${item.path || "body"}: ${item.message}`));
  return parts;
}

/**
 * A collapsible form: `fields` describe the inputs, `run(values)` calls the API and returns the
 * sentence to show once it worked.
 */
export function actionForm({ id, title, submit, fields, run, open = false }) {
  const described = fields.map((field) => ({ ...field, form: id }));
  const result = h("div", { class: "result", role: "alert", "aria-live": "assertive" });
  const button = h("button", { type: "submit", class: "primary" }, submit);
  const form = h(
    "form",
    {
      id: `form-${id}`,
      novalidate: true,
      on: {
        submit: async (event) => {
          event.preventDefault();
          result.replaceChildren();
          button.disabled = true;
          try {
            await run(valuesOf(form, described));
          } catch (error) {
            result.append(...[errorView(error)].flat());
          } finally {
            button.disabled = false;
          }
        },
      },
    },
    described.map(control),
    button,
    result,
  );
  return h("details", { class: "action", open }, h("summary", {}, title), form);
}

/** A button that downloads `path` as `filename`, with a place for the problem should it fail. */
export function downloadButton(path, filename, label = "Download as CSV") {
  const status = h("div", { role: "status" });
  const button = h(
    "button",
    {
      type: "button",
      on: {
        click: async () => {
          try {
            await download(path, filename);
          } catch (error) {
            status.replaceChildren(...[errorView(error)].flat());
          }
        },
      },
    },
    label,
  );
  return h("p", {}, button, status);
}
