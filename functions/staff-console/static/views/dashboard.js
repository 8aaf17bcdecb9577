// The dashboard: the last twelve weeks from the report items — volumes by kind, category and cause,
// waiting times (median and 90th percentile), referrals by level, repeated-theme alerts and feedback —
// as simple charts, with the same figures downloadable as CSV.

import { api } from "../api.js";
import { barChart, columnChart } from "../charts.js";
import { formatDate, h, words } from "../dom.js";
import { downloadButton } from "./forms.js";

function totals(volumes, key) {
  const sums = {};
  for (const volume of volumes)
    for (const [name, count] of Object.entries(volume[key])) sums[name] = (sums[name] ?? 0) + count;
  return Object.entries(sums)
    .sort((a, b) => b[1] - a[1])
    .map(([label, value]) => ({ label: words(label), value }));
}

function hours(value) {
  if (value === null) return "—";
  return value < 48 ? `${value} h` : `${Math.round((value / 24) * 10) / 10} days`;
}

export async function renderDashboard(main) {
  const report = await api("/api/reports?weeks=12");
  main.append(
    h("h1", {}, "Dashboard"),
    h(
      "p",
      {},
      `The ${report.weeks.length} weeks from ${report.weeks[0]}; figures as of ${formatDate(report.generatedAt)}.`,
    ),
    downloadButton("/api/reports?weeks=12&format=csv", `heed-report-${report.generatedAt.slice(0, 10)}.csv`),
    h(
      "div",
      { class: "charts" },
      columnChart(
        "Cases received per week",
        report.volumes.map((volume) => ({ label: volume.week.slice(5), value: volume.total })),
      ),
      barChart("By kind", totals(report.volumes, "byKind")),
      barChart("By category", totals(report.volumes, "byCategory")),
      barChart("By likely cause", totals(report.volumes, "byCause")),
      barChart(
        "Referrals by level",
        ["frontline", "supervisor", "management", "head-office"].map((level) => ({
          label: words(level),
          value: report.referrals.reduce((sum, week) => sum + week.byLevel[level], 0),
        })),
      ),
      barChart(
        "Feedback ratings",
        ["5", "4", "3", "2", "1"].map((rating) => ({
          label: `${rating} out of 5`,
          value: report.feedback.byRating[rating] ?? 0,
        })),
      ),
    ),
    h("h2", {}, "How long customers wait"),
    h(
      "table",
      { class: "timings" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["From receiving a message to…", "Cases", "Median", "90th percentile"].map((title) =>
            h("th", { scope: "col" }, title),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        [
          ["an acknowledgement", report.timings.toAcknowledge],
          ["the first staff action", report.timings.toFirstStaffAction],
          ["a resolution", report.timings.toResolution],
        ].map(([label, timing]) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, label),
            h("td", {}, String(timing.count)),
            h("td", {}, hours(timing.medianHours)),
            h("td", {}, hours(timing.p90Hours)),
          ),
        ),
      ),
    ),
    h("h2", {}, "Feedback"),
    h(
      "p",
      {},
      report.feedback.count === 0
        ? "No feedback in these weeks."
        : `${report.feedback.count} answers, an average of ${report.feedback.averageRating} out of 5.`,
    ),
    h("h2", {}, "Corrections to what Heed understood"),
    Object.keys(report.corrections ?? {}).length === 0
      ? h("p", {}, "No cases in these weeks.")
      : h(
          "ul",
          {},
          Object.entries(report.corrections).map(([kind, rate]) =>
            h(
              "li",
              {},
              `${kind}: ${rate.corrected} of ${rate.cases} corrected by staff (${Math.round((rate.rate ?? 0) * 100)} %)`,
            ),
          ),
        ),
    h("h2", {}, "Repeated themes"),
    report.themeAlerts.length === 0
      ? h("p", {}, "No theme crossed the alert threshold in these weeks.")
      : h(
          "ul",
          {},
          report.themeAlerts.map((alert) =>
            h("li", {}, `${alert.theme}: ${alert.cases} cases, alerted ${formatDate(alert.raisedAt)}`),
          ),
        ),
  );
}
