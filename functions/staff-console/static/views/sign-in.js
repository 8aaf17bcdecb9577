// The sign-in page: Cognito's hosted sign-in in AWS; in the local sandbox, one button per seeded
// development user (their groups decide what they may do).

import { beginHostedSignIn, developmentSignIn, developmentUsers } from "../auth.js";
import { h } from "../dom.js";

export async function renderSignIn(main, signIn, message, onSignedIn) {
  main.append(h("h1", {}, "Sign in to the staff console"));
  if (message) main.append(h("p", { role: "alert" }, message));
  if (signIn.kind === "cognito") {
    main.append(
      h(
        "p",
        {},
        "Sign in with your staff account. You will be asked for your password and your second factor.",
      ),
      h(
        "button",
        { type: "button", class: "primary", on: { click: () => beginHostedSignIn(signIn) } },
        "Sign in",
      ),
    );
    return;
  }
  main.append(
    h(
      "p",
      { class: "notice" },
      "Development sign-in: this sandbox has no real accounts. Choose a seeded user; their staff groups decide what they may do.",
    ),
  );
  const users = await developmentUsers(signIn);
  main.append(
    h(
      "ul",
      { class: "dev-users" },
      users.map((user) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              on: {
                click: async () => {
                  await developmentSignIn(signIn, user.username);
                  main.replaceChildren();
                  await onSignedIn();
                },
              },
            },
            `Sign in as ${user.username}`,
          ),
          ` ${user.email}, groups: ${user.groups.join(", ") || "none"}`,
        ),
      ),
    ),
  );
}
