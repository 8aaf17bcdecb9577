// Simple SVG bar charts drawn with DOM calls (no library, no inline styles): each chart is a figure
// with a caption and the values written beside the bars, so it reads without colour or hover.

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = String(text);
  return element;
}

/** Horizontal bars, one per entry: `[{ label, value }]`. */
export function barChart(caption, entries, { unit = "" } = {}) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const title = document.createElement("figcaption");
  title.textContent = caption;
  figure.append(title);
  if (entries.length === 0) {
    const empty = document.createElement("p");
    empty.textContent = "Nothing to show for these weeks.";
    figure.append(empty);
    return figure;
  }
  const rowHeight = 24;
  const labelWidth = 170;
  const barWidth = 320;
  const width = labelWidth + barWidth + 70;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${entries.length * rowHeight + 4}`,
    width,
    height: entries.length * rowHeight + 4,
    role: "img",
    "aria-label": `${caption}: ${entries.map((entry) => `${entry.label} ${entry.value}${unit}`).join(", ")}`,
  });
  entries.forEach((entry, index) => {
    const y = index * rowHeight;
    chart.append(
      svg("text", { x: labelWidth - 8, y: y + 16, "text-anchor": "end", class: "chart-label" }, entry.label),
      svg("rect", {
        x: labelWidth,
        y: y + 4,
        width: Math.max(1, (entry.value / max) * barWidth),
        height: rowHeight - 8,
        class: "chart-bar",
      }),
      svg(
        "text",
        { x: labelWidth + (entry.value / max) * barWidth + 6, y: y + 16, class: "chart-value" },
        `${entry.value}${unit}`,
      ),
    );
  });
  figure.append(chart);
  return figure;
}

/** Vertical bars over time: `[{ label, value }]`, oldest first. */
export function columnChart(caption, entries) {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const title = document.createElement("figcaption");
  title.textContent = caption;
  figure.append(title);
  const columnWidth = 40;
  const height = 160;
  const width = entries.length * columnWidth + 10;
  const max = Math.max(1, ...entries.map((entry) => entry.value));
  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height + 40}`,
    width,
    height: height + 40,
    role: "img",
    "aria-label": `${caption}: ${entries.map((entry) => `${entry.label} ${entry.value}`).join(", ")}`,
  });
  entries.forEach((entry, index) => {
    const barHeight = (entry.value / max) * (height - 20);
    const x = index * columnWidth + 8;
    chart.append(
      svg("rect", {
        x,
        y: height - barHeight,
        width: columnWidth - 12,
        height: Math.max(1, barHeight),
        class: "chart-bar",
      }),
      svg(
        "text",
        {
          x: x + (columnWidth - 12) / 2,
          y: height - barHeight - 4,
          "text-anchor": "middle",
          class: "chart-value",
        },
        entry.value,
      ),
      svg(
        "text",
        { x: x + (columnWidth - 12) / 2, y: height + 16, "text-anchor": "middle", class: "chart-label" },
        entry.label,
      ),
    );
  });
  figure.append(chart);
  return figure;
}
