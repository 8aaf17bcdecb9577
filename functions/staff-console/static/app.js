// The staff console: a small static app with no build step, served by the staff-console function
// under a strict Content-Security-Policy. It signs the colleague in, then routes between my queue, a
// case, search, quarantine, the dashboard and the complaints return, drawing every page from the staff
// API's JSON. It shows only the pages the colleague's groups may use; a page reached by URL anyway
// shows the API's refusal.

import { ApiError, api, SignInNeededError } from "./api.js";
import { completeHostedSignIn, currentToken, signOut } from "./auth.js";
import { clear, h } from "./dom.js";
import { renderCase } from "./views/case.js";
import { renderComplaintsReturn } from "./views/complaint-handling.js";
import { renderDashboard } from "./views/dashboard.js";
import { renderQuarantine } from "./views/quarantine.js";
import { renderQueue } from "./views/queue.js";
import { renderSearch } from "./views/search.js";
import { renderSignIn } from "./views/sign-in.js";

const ROUTES = [
  [/^#\/queue(?:\/([a-z-]+))?(?:\?sort=(time-left))?$/, renderQueue],
  [/^#\/complaints-return(?:\?(.*))?$/, renderComplaintsReturn],
  [/^#\/cases\/([^/?]+)$/, renderCase],
  [/^#\/search(?:\?(.*))?$/, renderSearch],
  [/^#\/quarantine$/, renderQuarantine],
  [/^#\/dashboard$/, renderDashboard],
];

const main = document.getElementById("main");
let context;

async function route() {
  const hash = window.location.hash || "#/queue";
  const found = ROUTES.map(([pattern, view]) => [pattern.exec(hash), view]).find(([match]) => match);
  clear(main);
  if (!found) {
    main.append(h("h1", {}, "Page not found"), h("p", {}, h("a", { href: "#/queue" }, "Go to your queue")));
    return;
  }
  const [match, view] = found;
  try {
    await view(
      main,
      match.slice(1).map((part) => (part === undefined ? undefined : decodeURIComponent(part))),
      context,
    );
  } catch (error) {
    if (error instanceof SignInNeededError) {
      await showSignIn(error.message);
      return;
    }
    if (error instanceof ApiError && error.status === 403) {
      clear(main).append(h("h1", {}, "Not for your role"), h("p", { role: "alert" }, error.message));
      return;
    }
    clear(main).append(h("h1", {}, "Something went wrong"), h("p", { role: "alert" }, error.message));
  }
  for (const link of document.querySelectorAll("header nav a")) {
    if (hash.startsWith(link.getAttribute("href"))) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  main.focus({ preventScroll: true });
}

async function showSignIn(message) {
  document.getElementById("who").textContent = "";
  document.getElementById("sign-out").hidden = true;
  clear(main);
  await renderSignIn(main, context.config.signIn, message, start);
}

async function start() {
  if (!currentToken()) {
    await showSignIn();
    return;
  }
  try {
    context.me = await api("/api/me");
  } catch (error) {
    if (error instanceof SignInNeededError) return showSignIn(error.message);
    throw error;
  }
  const role = context.me.role === "none" ? "no staff group" : context.me.role;
  document.getElementById("who").textContent = `${context.me.id} (${role})`;
  for (const link of document.querySelectorAll("header nav a[data-capability]")) {
    link.hidden = !context.me.capabilities.includes(link.dataset.capability);
  }
  const button = document.getElementById("sign-out");
  button.hidden = false;
  button.onclick = () => signOut(context.config.signIn);
  window.addEventListener("hashchange", route);
  await route();
}

async function boot() {
  const config = await (await fetch("/console/config.json", { credentials: "omit" })).json();
  context = { config, me: undefined, refresh: route };
  if (config.signIn.kind === "cognito") {
    try {
      await completeHostedSignIn(config.signIn);
    } catch (error) {
      return showSignIn(error.message);
    }
  }
  await start();
}

boot().catch((error) => {
  clear(main).append(h("h1", {}, "The console could not start"), h("p", { role: "alert" }, error.message));
});
