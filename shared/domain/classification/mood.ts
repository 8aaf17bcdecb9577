// Reads how a sentence is meant, apart from what it says: asked ("is it supposed to do this?"), or
// supposed ("if it arrives damaged, can I return it?"). A fault in a supposition has not happened, and
// praise or a promise inside a genuine question is not praise or a promise kept or broken. Works on the
// normalised text the phrases are matched in.

import { sentenceAround, sentenceBounds } from "./scope";

/** Opens a supposition; "as if" and "even if" do not ("it looks as if it was dropped" is real). */
const SUPPOSITION = /(?<!\b(?:as|even)\s)\b(?:if|in case|whether|suppose|supposing|in the event)\b/g;
/** Opens a concession: "although the delivery was a day late, the driver was really helpful". */
const CONCESSION = /\b(?:although|though|even though|despite|in spite of)\b/g;
/** Ends a supposition's reach: "if it doesn't fit, can I return it" supposes only "it doesn't fit". */
const CLAUSE_END = /[,:;()–—]|\s-\s|\bthen\b/;
/** Greetings before a sentence's first real word: "hello, is it normal…". */
const GREETING =
  /^(?:(?:hi|hello|hey|hiya|dear|morning|afternoon|evening|good morning|good afternoon)\b[^,]*,\s*)+/;
/** A question that opens with a plain auxiliary asks something open; "didn't you promise…" does not. */
const OPEN_QUESTION =
  /^(?:is|are|was|were|does|do|did|should|will|would|can|could|has|have|had)\s+(?!(?:\S+\s+)?not\b)/;

/** Whether the position lies in a clause the opener starts, running up to it ("if it doesn't fit"). */
function inClauseOpenedBy(opener: RegExp, text: string, at: number): boolean {
  const before = text.slice(sentenceBounds(text, at).start, at);
  let last: number | undefined;
  for (const match of before.matchAll(opener)) last = match.index;
  return last !== undefined && !CLAUSE_END.test(before.slice(last));
}

/** Whether the position lies in a supposition that runs up to it within its clause ("if it doesn't fit"). */
export function isSupposed(text: string, at: number): boolean {
  return inClauseOpenedBy(SUPPOSITION, text, at);
}

/** Whether the position lies in a concession the sentence goes on to outweigh ("although it was late, …"). */
export function isConceded(text: string, at: number): boolean {
  return inClauseOpenedBy(CONCESSION, text, at);
}

/** Whether the sentence around the position is a question (it ends with "?"). */
export function isAsked(text: string, at: number): boolean {
  return text.charAt(sentenceBounds(text, at).end) === "?";
}

/**
 * Whether the sentence is an open yes/no question ("is the kettle supposed to do this"), with or without
 * its question mark: it asks how things should be, and claims nothing went wrong.
 */
export function isOpenQuestion(text: string, at: number): boolean {
  const opening = sentenceAround(text, at).trimStart().replace(GREETING, "");
  return OPEN_QUESTION.test(opening);
}

/**
 * Someone else speaking of a step: "my brother keeps telling me to…", "a friend who's a solicitor says…",
 * "my neighbour works for Trading Standards".
 */
const SOMEONE_ELSE =
  /\b(?:(?:my|our|a|an|his|her|their)\s+(?:\w+\s+)?(?:friends?|brother|sister|son|daughter|husband|wife|partner|mum|dad|mother|father|neighbours?|family|colleagues?|cousin|uncle|aunt|relative)|some people|people|everyone|others)\b/;
/** Someone else's view passed on: "says", "reckons", "told me", "advised". */
const PASSED_ON =
  /\b(?:says?|said|saying|reckons?|reckoned|thinks?|thought|told me|tells me|telling me|suggested|suggests|advised|advises|recommended|recommends)\b/;

/**
 * Whether a step at the position is someone else's, in a sentence where the customer raises none of
 * their own: "my friend says I should go to the ombudsman, but I'd rather sort it out with you".
 */
export function isSomeoneElsesStep(text: string, at: number): boolean {
  const { start, end } = sentenceBounds(text, at);
  return SOMEONE_ELSE.test(text.slice(start, at)) && !STEP_RAISED.test(text.slice(start, end));
}

/**
 * Whether someone else's step at the position is their view passed on ("a friend who's a solicitor says
 * the increase might not be reasonable"): a suggestion, never an errand of theirs.
 */
export function isSomeoneElsesSuggestion(text: string, at: number): boolean {
  return isSomeoneElsesStep(text, at) && PASSED_ON.test(sentenceAround(text, at));
}

/** The customer raising a step as theirs to take, or one already taken: "I will", "I have contacted", "see you in court". */
const STEP_RAISED =
  /\b(?:i|we)(?:'ll|'m going to|'re going to|\s+(?:will|shall|am going to|are going to|may|might|intend|plan|am considering|'m considering|am thinking|have no choice|have no option))\b|\b(?:i|we)(?:\s+have|'ve)?\s+(?:already\s+|now\s+|also\s+)?(?:contacted|reported|instructed|complained to|referred|been in touch with|spoken to|spoken with|taken advice|consulted|passed (?:the matter|this|it|everything) (?:on )?to|handed (?:the matter|this|it|everything) (?:over )?to)\b|\b(?:see you in|take you to|taking you to|sue|suing|report you|letter before action|letters? (?:of|before) claim|notification of (?:a |the )?claim|notice of (?:a )?claim|legal action|proceedings|injury claim|(?:accepts?|admits?|accepting|admitting) (?:full\s+)?liability|(?:write|writing) (?:to you )?formally)\b/;

/**
 * Whether a step at the position is only supposed, in a sentence where the customer raises none as
 * theirs: "if a customer wanted to make a claim through small claims, where would it go?". "If this
 * isn't sorted I will go to the ombudsman" raises one.
 */
export function isSupposedStep(text: string, at: number): boolean {
  return isSupposed(text, at) && !STEP_RAISED.test(sentenceAround(text, at));
}

/** A legal step taken against the customer, not by them: "you'll take me to court if I don't pay". */
const AGAINST_THE_CUSTOMER = /\b(?:take|taking|takes|took|taken)\s+(?:me|us)\s+to\s+$/;

/** Whether the step at the position is one taken against the customer ("said you'd take me to court"). */
export function isAgainstTheCustomer(text: string, at: number): boolean {
  return AGAINST_THE_CUSTOMER.test(text.slice(Math.max(0, at - 30), at));
}

/** Whether the text raises a legal step as the customer's own, anywhere. */
export function raisesAStep(text: string): boolean {
  return STEP_RAISED.test(text);
}

/** A legal word naming someone's job: "I'm a solicitor", "my daughter (a solicitor, …)", "works for Trading Standards". */
const NAMES_A_JOB_BEFORE =
  /(?:\b(?:i'm|i am|im|he's|he is|she's|she is|they're|who's|who is|is|was|'s|works as|working as|trained as|qualified as)\s+|[,(]\s*)an?\s+(?:\w+\s+)?$|\b(?:works|worked|working)\s+(?:for|at|in)\s+$/;
/** The writer's own legal job placing them in court: "I'm a barrister and in court most days". */
const WORKS_IN_COURT =
  /\b(?:i'm|i am|im|i work as)\s+an?\s+(?:\w+\s+)?(?:solicitor|barrister|lawyer|judge|magistrate|court clerk|clerk|usher)\b[^.?!]*\b(?:in|at)\s+(?:the\s+)?$/;
/** What a job-holder's word adds that makes it a step: the customer's case, a right, what they could do. */
const STEP_SUBSTANCE =
  /\b(?:i|we)(?:'d|'ve|'ll|\s+(?:should|could|can|would|might|ought|have|has|will|shall|am going to|are going to))\b|\b(?:case|claim|entitled|enforceable|reasonable|lawful|unlawful|illegal|legal|can't refuse|cannot refuse|(?:take|taking|took) (?:it|this|you|them|the matter) further|consumer rights act|(?:prepared|ready|willing|going) to (?:report|take|go|contact|involve|sue|complain|escalate)|be in touch|(?:write|writing) formally|if (?:we|you|they) (?:don't|do not|won't|will not|can't|cannot|fail to)|if this (?:carries on|continues|goes on|happens again))\b/;

/**
 * Whether a legal word at the position only names someone's job, with no step in its sentence: "I'm a
 * solicitor, so send the courier to my office", "my daughter (a solicitor) noticed the date". "A friend
 * who's a solicitor says I'd have a strong case" raises one.
 */
export function namesALegalJob(text: string, at: number): boolean {
  const { start, end } = sentenceBounds(text, at);
  const before = text.slice(start, at);
  const after = text.slice(at, end).replace(/^\S+/, "");
  return (
    (NAMES_A_JOB_BEFORE.test(before) || WORKS_IN_COURT.test(before)) &&
    !STEP_SUBSTANCE.test(`${before} ${after}`)
  );
}

/** A step someone else took or takes against a third party: "got Trading Standards onto a furniture shop". */
const AGAINST_A_THIRD_PARTY =
  /^\S+(?:\s+\S+)?\s+(?:onto|against|on)?\s*(?:a|another|some|a different)\s+(?:\w+\s+)?(?:shop|company|firm|manufacturer|makers?|retailer|landlord|builder|garage|store|business|seller|supplier|airline)\b|^\S+\s+the\s+(?:manufacturer|makers?)\b/;
/** Someone else taking a firm of theirs to law: "she's taking the builder who did her kitchen to small claims". */
const TAKING_A_THIRD_PARTY =
  /\b(?:taking|take|took|sue|suing|sued|reported|reporting|report)\s+(?:(?:the|a|another|her|his|their)\s+(?:\w+\s+)?(?:builder|landlord|manufacturer|makers?|garage|airline|seller|retailer|supplier)|(?:a|another|her|his|their)\s+(?:\w+\s+)?(?:shop|company|firm|store|business))\b[^.?!]{0,40}$/;
/** Someone else telling of a step they took themselves: "he's gone to Trading Standards", "she had to get". */
const TAKEN_BY_THEM =
  /\b(?:he|she|they)(?:'s|'d|'ve|\s+has|\s+had|\s+have)?\s+(?:already\s+|just\s+)?(?:gone|went|been|had to get|had to go|got|taken|took|reported|contacted|complained)\b[^.?!]{0,25}$/;

/**
 * Whether someone else's step at the position is their own matter, not one raised for the customer: taken
 * against another firm ("she's talking about suing the manufacturer") or already taken about their own
 * ("her neighbour's blew up and he's gone to Trading Standards about it").
 */
export function isSomeoneElsesOwnMatter(text: string, at: number): boolean {
  const { start } = sentenceBounds(text, at);
  if (!SOMEONE_ELSE.test(text.slice(start, at))) return false;
  const before = text.slice(start, at);
  return (
    AGAINST_A_THIRD_PARTY.test(text.slice(at, at + 80)) ||
    TAKING_A_THIRD_PARTY.test(before) ||
    TAKEN_BY_THEM.test(before)
  );
}

/** Our own staff's words reported by the customer: "the man on the phone told me I'd have to take it to court". */
const STAFF_TOLD = /\b(?:told me|said|says|tells me|telling me)\b/;

/**
 * Whether a step at the position is one a member of our staff put to the customer, who raises none of
 * their own in the sentence: "the man on the phone told me that if I wasn't happy I'd have to take it to court".
 */
export function isOurStaffsWords(text: string, at: number, staffWords: ReadonlySet<string>): boolean {
  const { start, end } = sentenceBounds(text, at);
  const before = text.slice(start, at);
  const told = STAFF_TOLD.exec(before);
  if (!told || STEP_RAISED.test(text.slice(start, end))) return false;
  return [...before.slice(0, told.index).matchAll(/[\p{L}']+/gu)].some(([word]) => staffWords.has(word));
}

/** The clause of the sentence that runs up to the position: "thanks for chasing" in "received it, thanks for chasing". */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(sentenceBounds(text, at).start, at);
  const ends = [...before.matchAll(new RegExp(CLAUSE_END, "g"))];
  const last = ends[ends.length - 1];
  return last?.index === undefined ? before : before.slice(last.index + last[0].length);
}

/** The writer's own ability or senses as the subject: "my english is", "my eyes are not". */
const THE_WRITERS_OWN =
  /\bmy\s+(?:english|welsh|eyes|eyesight|sight|hearing|memory|spelling|reading|writing|handwriting|typing|grammar|health|legs|hands|balance)\s+(?:is|are|isn't|aren't|has been|have been)?\s*(?:not\s+|very\s+|so\s+|really\s+|too\s+)*$/;

/** Whether a word of dissatisfaction at the position is said of the writer's own ability ("my english is not good"). */
export function isAboutTheWritersOwnAbility(text: string, at: number): boolean {
  return THE_WRITERS_OWN.test(clauseBefore(text, at));
}

/** Thanks for the thing that follows: "thanks for chasing it up", "thank you so much for following up". */
const THANKED_FOR = /\b(?:thanks|thank you|cheers|grateful|appreciate)\b[^.?!]{0,30}\bfor\s+$/;

/** Whether what is at the position is something the writer thanks someone for doing ("thanks for chasing it up for me"). */
export function isThankedFor(text: string, at: number): boolean {
  return THANKED_FOR.test(clauseBefore(text, at));
}

/** A promise told as the way it was kept: "rang me back as she promised", "arrived as promised". */
const AS_PROMISED = /\bas\s+(?:(?:he|she|they|you|we|i|it|was|were|had been|he'd|she'd|they'd|you'd)\s+)*$/;
const NEGATION_WORD = /\b(?:not|never|no|nobody|nothing)\b|n't\b/;

/** Whether a promise at the position is told as kept ("as she promised"), with no negation in its sentence. */
export function isAPromiseKept(text: string, at: number): boolean {
  const { start, end } = sentenceBounds(text, at);
  return AS_PROMISED.test(text.slice(start, at)) && !NEGATION_WORD.test(text.slice(start, end));
}

/**
 * Something wished for rather than done: "I'd rather we sorted it between us", "give you the chance to put
 * it right", "please put it right". A thank-you ("I'd like to thank Priya, who sorted it") wishes nothing.
 */
const WISHED =
  /(?:\b(?:rather|want|wants|like|need|needs|please|can you|could you|will you|would you|can someone|could someone|expect)\s+(?!(?:to\s+)?(?:say|thank|tell|let)\b)(?:[\w']+\s+){0,3}|\b(?<!\b(?:managed|able|got|helped)\s)to\s+)$/;

/** Whether a putting right at the position is only wished for, not done. */
export function isWishedFor(text: string, at: number): boolean {
  return WISHED.test(clauseBefore(text, at));
}

/** A trouble that did not happen: "it would have been a nightmare otherwise", "without her it'd have been a disaster". */
const WOULD_HAVE_BEEN =
  /\b(?:would|could|might)(?:\s+have|'ve)\s+been\b|\b(?:it|that|this)'d\s+have\s+been\b/;
const AVERTED_BY =
  /\b(?:otherwise|without (?:you|your|her|his|their|them|him|that|this|the)|if (?:it|you|she|he|they) (?:wasn't|weren't|hadn't|had not|was not)|if not for|but for)\b/;

/** Whether a word of dissatisfaction at the position names a trouble someone averted ("would have been a nightmare otherwise"). */
export function isAverted(text: string, at: number): boolean {
  const sentence = sentenceAround(text, at);
  return WOULD_HAVE_BEEN.test(clauseBefore(text, at)) && AVERTED_BY.test(sentence);
}

/** "Poor" said in sympathy for someone: "poor thing", "poor old dog", "the poor lad". */
const IN_SYMPATHY =
  /^poor\s+(?:old\s+|little\s+)?(?:thing|things|soul|souls|love|lamb|dear|lad|lass|girl|boy|man|woman|chap|fella|dog|cat|pup|puppy|kitten|mum|dad|mother|father|gran|nan|grandma|grandad|sod|devil|kid|kids|child|children|baby|pet|him|her|them|you)\b/;

/** Whether the word at the position is "poor" said in sympathy for someone, not of our service. */
export function isSaidInSympathy(text: string, at: number): boolean {
  return IN_SYMPATHY.test(text.slice(at));
}

/** An indirect question about the writer's own next step: "I don't know what we're supposed to do next". */
const THE_WRITERS_OWN_STEP =
  /\b(?:what|where|when|who|which|whether|if)\s+(?:i|we)(?:'m|'re|\s+am|\s+are|\s+was|\s+were)\s+(?:\w+\s+)?$/;

/**
 * Whether "supposed to" at the position asks what the writer is to do ("not sure what we're supposed to do
 * next"), not what we were to do; "what am I supposed to do now?" asks it of us.
 */
export function isTheWritersOwnStep(text: string, at: number): boolean {
  return THE_WRITERS_OWN_STEP.test(clauseBefore(text, at));
}

/**
 * Whether redress at the position is only asked about in a supposition with no negation in its sentence:
 * "let me know if I'm owed anything back". "If you don't put it right, I'll…" makes it a condition.
 */
export function isRedressAskedAbout(text: string, at: number): boolean {
  return isSupposed(text, at) && !NEGATION_WORD.test(sentenceAround(text, at));
}

/** The writer running themselves down: "I'm hopeless with computers", "I'm useless at forms". */
const SELF_DEPRECATING_WORD = /^(?:hopeless|useless|rubbish|terrible|awful|crap|pathetic)\s+(?:with|at)\b/;
const THE_WRITER_IS =
  /\b(?:i'm|i am|im)\s+(?:(?:so|really|completely|totally|absolutely|a bit|a little|quite|pretty)\s+)*$/;

/** Whether a word of dissatisfaction at the position runs down the writer's own skill ("I'm hopeless with technology"). */
export function isSelfDeprecation(text: string, at: number): boolean {
  return THE_WRITER_IS.test(clauseBefore(text, at)) && SELF_DEPRECATING_WORD.test(text.slice(at));
}

/** A hard stretch of the writer's life: "a horrible few months", "an awful week". */
const A_SPAN_OF_TIME =
  /^\S+\s+(?:few\s+|couple of\s+)?(?:days?|weeks?|months?|years?|fortnight|time|period|spell)\b/;
const A_OR_THE = /\b(?:a|an|the|this|that)\s+(?:(?:really|very|truly|pretty|absolutely)\s+)?$/;
/** We named as the cause of the hard time: "you've made this a horrible week", "thanks to your engineers…". */
const WE_CAUSED =
  /\byou(?:'ve| have)?\s+(?:made|caused|given|put)\b|\byour\s+\w+\s+(?:made|caused|has made|have made)\b|\b(?:thanks to|because of|due to|after|since)\s+(?:you|your)\b/;

/**
 * Whether a word of dissatisfaction at the position qualifies a stretch of the writer's life ("we've had a
 * horrible few months with my dad in hospital", "it made a horrible week easier"), not something we did.
 */
export function isAHardTime(text: string, at: number): boolean {
  return (
    A_OR_THE.test(text.slice(Math.max(0, at - 30), at)) &&
    A_SPAN_OF_TIME.test(text.slice(at)) &&
    !WE_CAUSED.test(sentenceAround(text, at))
  );
}

/** A refund already given or on its way: "raised a refund of £96", "the refund confirmation says £0.00". */
const REFUND_GIVEN_BEFORE =
  /\b(?:raised|issued|processed|arranged|approved|authorised|authorized|put through|sent)\s+(?:a|the|his|her|their)\s+(?:full\s+|partial\s+)?$/;
const REFUND_GIVEN_AFTER =
  /^refund\s+(?:(?:of\s+(?:(?!\b(?:i|we|you|he|she|they)\b)[^.?!;]){0,40}?\s+)?(?:(?:is|was|has been|had been)\s+(?:being\s+)?)?(?:raised|issued|processed|approved|arranged|authorised|authorized|put through)|confirmation|amount|reference|receipt|email|letter|notice)\b/;
/** A question about how a refund works: "how is the refund worked out?". */
const HOW_A_REFUND_WORKS = /\bhow\s+(?:is|was|will|would|does|do)\s+(?:the|my|a|your)\s+$/;
/** A refund only if one is due: "send any refund to our client account". */
const ANY_REFUND = /\b(?:any|whatever)\s+$/;

/**
 * Whether a refund at the position is one given, asked about how it works or only one if due ("refund of
 * duplicate raised", "how is the refund worked out?", "send any refund to…"), not one the customer wants.
 */
export function isARefundGiven(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return (
    REFUND_GIVEN_BEFORE.test(before) ||
    HOW_A_REFUND_WORKS.test(before) ||
    ANY_REFUND.test(before) ||
    REFUND_GIVEN_AFTER.test(text.slice(at))
  );
}

/** "Patient" said of someone's manner: "was so patient", "kind and patient", "patient with my dad". */
const PATIENT_AS_PRAISE_BEFORE =
  /(?:\b(?:was|were|is|are|been|being|so|very|really|incredibly|extremely|super|most|too|quite|remarkably|endlessly|and)\s+|,\s*)$/;
const PATIENT_AS_PRAISE_AFTER = /^patient\s+(?:with|and|throughout|while|when)\b/;
/** "Patient" naming the person treated by what follows it: "patient no. 33", "patient DRB-33018", "patient portal". */
const PATIENT_AS_A_PERSON_AFTER =
  /^patient\s+(?:no\b|number|id\b|ref|reference|record|records|notes|portal|file|letter|[\w-]*\d)/;
/** "Outstanding" said of what is still owed or to do: "any balance remains outstanding", "outstanding repairs". */
const STILL_OWED_BEFORE = /\b(?:remains?|remained|still|anything|nothing|left)\s+$/;
const STILL_OWED_AFTER =
  /^outstanding\s+(?:balance|amount|sum|debt|invoice|bill|payment|charges?|fees?|money|work|works|repairs?|items?|jobs?|issues?|questions?)\b/;

/**
 * Whether a word of praise at the position is used in its other sense: "patient" as the person treated
 * ("my patient number", "a different patient", "the patient portal"), "outstanding" as still owed ("any
 * balance remains outstanding").
 */
export function isPraiseInAnotherSense(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 30), at);
  const after = text.slice(at);
  if (after.startsWith("patient"))
    return (
      PATIENT_AS_A_PERSON_AFTER.test(after) ||
      (!PATIENT_AS_PRAISE_BEFORE.test(before) && !PATIENT_AS_PRAISE_AFTER.test(after))
    );
  if (after.startsWith("outstanding")) return STILL_OWED_BEFORE.test(before) || STILL_OWED_AFTER.test(after);
  return false;
}

/** The customer as the subject of a colleague's note: "she was upset but", "he seemed calm and". */
const THE_CUSTOMERS_MANNER =
  /\b(?:she|he|they|customer|caller|passenger|patient)\s+(?:was|were|is|seemed|remained|stayed)\s+(?:[\w']+\s+){0,3}$/;

/** Words of manner, not of satisfaction: "she was over the moon with it" still praises us. */
const MANNER =
  /^(?:polite|patient|calm|courteous|pleasant|friendly|understanding|lovely|nice|gracious|reasonable)\b/;

/**
 * Whether a word of praise at the position, in a colleague's note, describes the customer's own manner
 * ("she was upset but polite", "he was calm and patient"): it praises none of us. Her delight ("she was
 * over the moon with it") is praise of what we did.
 */
export function isTheCustomersManner(text: string, at: number): boolean {
  return MANNER.test(text.slice(at)) && THE_CUSTOMERS_MANNER.test(clauseBefore(text, at));
}
