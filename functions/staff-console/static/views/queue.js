// My queue: the open cases referred to a level, the most urgent first and then the oldest, with how
// long each customer has been waiting, the time left on its complaint clock (sortable), and who has
// taken it on.

import { api } from "../api.js";
import { formatAge, formatDate, h, words } from "../dom.js";

const LEVELS = ["frontline", "supervisor", "management", "head-office"];

export async function renderQueue(main, [requested, sort], { me }) {
  const level = requested ?? me.level ?? "frontline";
  const byTimeLeft = sort === "time-left";
  const { cases } = await api(
    `/api/queue?level=${encodeURIComponent(level)}${byTimeLeft ? "&sort=time-left" : ""}`,
  );
  main.append(
    h("h1", {}, level === me.level ? "My queue" : `Queue: ${words(level)}`),
    h(
      "nav",
      { class: "levels", "aria-label": "Queues" },
      LEVELS.map((name) =>
        h("a", { href: `#/queue/${name}`, "aria-current": name === level ? "page" : undefined }, words(name)),
      ),
    ),
  );
  if (cases.length === 0) {
    main.append(h("p", {}, "No open cases are waiting at this level."));
    return;
  }
  main.append(
    h(
      "p",
      {},
      `${cases.length} open case${cases.length === 1 ? "" : "s"}, ${byTimeLeft ? "least time left first" : "most urgent and oldest first"}. `,
      h(
        "a",
        { href: `#/queue/${level}${byTimeLeft ? "" : "?sort=time-left"}`, class: "sort" },
        byTimeLeft ? "Sort by urgency and age" : "Sort by time left",
      ),
    ),
    h(
      "table",
      { class: "queue" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["Case", "Waiting", "Time left", "Received", "What", "Why here", "Taken by"].map((title) =>
            h("th", { scope: "col" }, title),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        cases.map((item) =>
          h(
            "tr",
            { class: item.urgent ? "urgent" : undefined },
            h(
              "td",
              {},
              h("a", { href: `#/cases/${encodeURIComponent(item.reference)}` }, item.reference),
              item.urgent ? h("span", { class: "tag urgent" }, "urgent") : undefined,
              h("div", { class: "subject" }, item.subject),
            ),
            h("td", {}, formatAge(item.ageHours)),
            h(
              "td",
              { class: item.clock && item.clock.daysLeft < 0 ? "time-left overdue" : "time-left" },
              item.clock ? [item.clock.timeLeft, h("div", { class: "note" }, item.clock.label)] : "—",
            ),
            h("td", {}, formatDate(item.receivedAt)),
            h(
              "td",
              {},
              `${item.kind}, ${words(item.category)}`,
              item.signals.length
                ? h("div", { class: "signals" }, item.signals.map(words).join(", "))
                : undefined,
            ),
            h("td", {}, item.reason),
            h("td", {}, item.claimedBy ?? "nobody yet"),
          ),
        ),
      ),
    ),
  );
}
