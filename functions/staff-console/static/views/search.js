// Search: one box for a case reference, an email address, a phone number in any format, a postcode
// or an order number. A reference with a mistyped check character gets a suggestion.

import { api } from "../api.js";
import { formatDate, h, words } from "../dom.js";

export async function renderSearch(main, [query]) {
  const q = new URLSearchParams(query ?? "").get("q") ?? "";
  const input = h("input", {
    id: "search-query",
    name: "q",
    type: "search",
    value: q,
    autocomplete: "off",
    spellcheck: "false",
  });
  main.append(
    h("h1", {}, "Find a case"),
    h(
      "form",
      {
        role: "search",
        class: "search",
        on: {
          submit: (event) => {
            event.preventDefault();
            window.location.hash = `#/search?${new URLSearchParams({ q: input.value.trim() })}`;
          },
        },
      },
      h("label", { for: "search-query" }, "Reference, email, phone, postcode or order number"),
      input,
      h("button", { type: "submit", class: "primary" }, "Search"),
    ),
  );
  if (!q) {
    input.focus();
    return;
  }
  const result = await api(`/api/search?${new URLSearchParams({ q })}`);
  const region = h("div", { role: "status", class: "results" });
  main.append(region);
  if (result.suggestion) {
    region.append(
      h("p", {}, result.message),
      h(
        "p",
        {},
        h("a", { href: `#/cases/${encodeURIComponent(result.suggestion)}` }, `Open ${result.suggestion}`),
      ),
    );
    return;
  }
  if (result.cases.length === 0) {
    region.append(h("p", {}, result.message ?? "No case matches that."));
    return;
  }
  if (result.cases.length === 1 && result.searched.length === 0) {
    window.location.hash = `#/cases/${encodeURIComponent(result.cases[0].reference)}`;
    return;
  }
  region.append(
    h(
      "p",
      {},
      `${result.cases.length} case${result.cases.length === 1 ? "" : "s"} found by ${result.searched.map(words).join(" or ")}.`,
    ),
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Case", "Subject", "Received", "Kind", "With", "Status"].map((title) =>
            h("th", { scope: "col" }, title),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        result.cases.map((item) =>
          h(
            "tr",
            {},
            h("td", {}, h("a", { href: `#/cases/${encodeURIComponent(item.reference)}` }, item.reference)),
            h("td", {}, item.subject),
            h("td", {}, formatDate(item.createdAt)),
            h("td", {}, item.kind),
            h("td", {}, words(item.referralLevel)),
            h("td", {}, words(item.status)),
          ),
        ),
      ),
    ),
  );
}
