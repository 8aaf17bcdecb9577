// Who looked at a case (UK GDPR accountability; subject access and internal investigations): each
// opening, attachment download, export and search hit is one access event. It names the colleague, their
// role, what they did and when, and never what was searched for.

export type AccessKind = "opened" | "attachment-downloaded" | "exported" | "found-by-search";

export interface CaseAccess {
  caseReference: string;
  accessId: string;
  at: string;
  by: string;
  role: string;
  what: AccessKind;
  /** The attachment's id, or which kind of detail a search matched (`email`, `phone`…), never its value. */
  detail?: string;
}
