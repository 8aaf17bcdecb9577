// Quarantine review: input intake set aside (over a MIME budget, spam, unreadable) with the reason,
// and a button that sends it through intake again with the budgets relaxed.

import { api } from "../api.js";
import { formatDate, h, words } from "../dom.js";
import { errorView } from "./forms.js";

export async function renderQuarantine(main, _params, context) {
  const { entries } = await api("/api/quarantine");
  main.append(h("h1", {}, "Quarantine"));
  if (entries.length === 0) {
    main.append(h("p", {}, "Nothing is in quarantine."));
    return;
  }
  main.append(
    h(
      "p",
      {},
      "Input set aside instead of becoming a case. Release it only when you have checked why it was held.",
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
          ["Received", "Channel", "Why it is held", "Intake id", ""].map((title) =>
            h("th", { scope: "col" }, title),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        entries.map((entry) => {
          const status = h("div", { role: "status" });
          return h(
            "tr",
            {},
            h("td", {}, formatDate(entry.receivedAt)),
            h("td", {}, words(entry.channel)),
            h("td", {}, words(entry.result?.reason ?? "unknown")),
            h("td", { class: "mono" }, entry.intakeId),
            h(
              "td",
              {},
              h(
                "button",
                {
                  type: "button",
                  on: {
                    click: async (event) => {
                      event.currentTarget.disabled = true;
                      try {
                        await api(`/api/quarantine/${encodeURIComponent(entry.intakeId)}/release`, {
                          method: "POST",
                        });
                        status.replaceChildren("Released: it goes through intake again.");
                        setTimeout(() => context.refresh(), 1500);
                      } catch (error) {
                        status.replaceChildren(...[errorView(error)].flat());
                      }
                    },
                  },
                },
                "Release",
              ),
              status,
            ),
          );
        }),
      ),
    ),
  );
}
