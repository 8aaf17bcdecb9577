// Works out whom a sentence is about, so a signal is the customer's own: "I am registered blind" or
// "my mother has dementia" (someone they act for) bear on how we deal with the customer; "Gareth's mum
// was ill" in a thank-you note does not. Works on the normalised text the phrases are matched in.

/** Where the sentence around a position starts and ends in normalised text: from the previous stop to the next. */
export function sentenceBounds(text: string, at: number): { start: number; end: number } {
  const before = text.slice(0, at);
  const stop = Math.max(
    before.lastIndexOf(". "),
    before.lastIndexOf("! "),
    before.lastIndexOf("? "),
    before.lastIndexOf("; "),
  );
  const rest = text.slice(at).search(/[.!?;](?:\s|$)/);
  return { start: stop < 0 ? 0 : stop + 2, end: rest < 0 ? text.length : at + rest };
}

/** The sentence of normalised text after the one around a position ("…I can go to the ombudsman. I will."). */
export function sentenceAfter(text: string, at: number): string {
  const { end } = sentenceBounds(text, at);
  return end >= text.length ? "" : sentenceAround(text, Math.min(text.length, end + 2));
}

/** The sentence of normalised text around a position. */
export function sentenceAround(text: string, at: number): string {
  const { start, end } = sentenceBounds(text, at);
  return text.slice(start, end);
}

/** How many sentences back "she" or "he" may point at someone named: "My cat's poorly. Do you deliver? She's on…". */
const SENTENCES_A_PRONOUN_REACHES = 2;

/** The sentences of normalised text before the one starting at `start`, as far back as a pronoun reaches. */
function sentencesBefore(text: string, start: number): string {
  let from = start;
  for (let back = 0; back < SENTENCES_A_PRONOUN_REACHES && from > 0; back++)
    from = sentenceBounds(text, Math.max(0, from - 2)).start;
  return text.slice(from, start);
}

const WORDS = /[\p{L}\p{N}']+/gu;

/** The first word of the sentence that is one of the words (that puts the customer in it, say), if any. */
export function firstWordIn(sentence: string, words: ReadonlySet<string>): string | undefined {
  for (const [word] of sentence.matchAll(WORDS)) if (words.has(word)) return word;
  return undefined;
}

/** The scope label of a writer who acts for someone: its evidence is `scope:acting-for`. */
export const ACTING_FOR = "acting-for";

/**
 * Whether the nearest person named before the position in its sentence is someone else's, not the
 * customer: "my sister is going through cancer", "my aunt who is partially sighted", "she's registered
 * blind". "My sister says I'm disabled" names the customer last.
 */
export function ownedBySomeoneElse(
  text: string,
  at: number,
  customerWords: ReadonlySet<string>,
  someoneElseWords: ReadonlySet<string>,
  writtenByTheCustomer = false,
): boolean {
  const { start } = sentenceBounds(text, at);
  // "came in with his nephew translating – very limited English": the one translated for is the customer.
  if (TRANSLATING_BEFORE.test(text.slice(start, at))) return false;
  if (isOwnedByOneNamed(text.slice(start, at), customerWords)) return true;
  if (OUTSIDE_THE_HOUSEHOLD_AFTER.test(text.slice(at, at + 60))) return true;
  let nearest: string | undefined;
  // "She's on a special kidney diet": a pet named in the sentences before is who "she" is; "she's hard of
  // hearing" is a person whatever pet came before.
  let someoneElseNamed = ONLY_A_PERSONS.test(text.slice(at, at + 40))
    ? undefined
    : lastPetNamedBefore(text, start, someoneElseWords);
  // "my mum, Mrs Edna Price, is…": the name given after one of the household is theirs, nobody else's.
  const sentence = withoutTheirNames(text.slice(start, at));
  for (const { 0: written, index } of sentence.matchAll(WORDS)) {
    const word = ownerOf(written, sentence.slice(index + written.length), customerWords);
    // In the customer's own words "the lady at number 12" or "Mrs Hale" is someone else; in a colleague's
    // note it is the customer.
    const someoneElse =
      someoneElseWords.has(word) || A_PET.test(word) || (writtenByTheCustomer && A_PERSON.test(word));
    if (someoneElse) someoneElseNamed = word;
    if (customerWords.has(word) || someoneElse) nearest = word;
    // "My neighbour used to put my bins out but he's had a stroke": "he" is the neighbour named before.
    else if (THIRD_PERSON.has(word) && someoneElseNamed) nearest = someoneElseNamed;
  }
  return nearest !== undefined && !customerWords.has(nearest);
}

/** Someone translating or interpreting just before a condition, who is there for the one who has it. */
const TRANSLATING_BEFORE = /\b(?:translating|interpreting|to translate|to interpret)\b[^.?!]{0,20}$/;

/** "'s" for "has" or "is": "my neighbour's had a stroke", "she's been", "he's not well". */
const HAS_OR_IS_AFTER =
  /^\s+(?:had|got|been|being|having|getting|not|just|always|never|now|still|very|so|really|quite|recently|suffering|struggling|going|recovering|diagnosed|registered|in|on|off|a|an)\b/;

/**
 * The one a word names, with its "'s" read: "our dog's just had an operation" names the dog, and so does
 * "my dog's operation"; "my brother's funeral" is the customer's loss, so a person's "'s" is kept unless it
 * stands for "has" or "is", or names a person of theirs ("my neighbour's husband").
 */
function ownerOf(written: string, after: string, customerWords: ReadonlySet<string>): string {
  if (customerWords.has(written) || THIRD_PERSON.has(written) || !written.endsWith("'s")) return written;
  const owner = written.slice(0, -2);
  return A_PET.test(owner) || HAS_OR_IS_AFTER.test(after) || A_PERSON_OF_THEIRS_AFTER.test(after)
    ? owner
    : written;
}

/** A person of someone else's named after their "'s": "my neighbour's husband", "my friend's dog". */
const A_PERSON_OF_THEIRS_AFTER =
  /^\s+(?:\w+\s+)?(?:husband|wife|partner|son|daughter|child|children|kids?|mum|mother|dad|father|nan|gran|baby|carer|dogs?|cats?)\b/;

/** Words for an animal: someone else, whose condition never bears on how we deal with the customer. */
const PETS =
  "dogs?|cats?|pets?|puppy|kitten|labrador|spaniel|terrier|collie|greyhound|rabbit|horse|pony|dachshund|poodle|beagle|cockapoo|cockerpoo|labradoodle|pug|retriever|whippet|lurcher|staffie|alsatian|hamster|budgie|parrot|tortoise|guinea pig";
const A_PET = new RegExp(`^(?:${PETS})$`);

/** Conditions only a person has: what they hear, read, speak, earn or live through, never a pet's. */
const ONLY_A_PERSONS =
  /^(?:hard of hearing|hearing aids?|hearing impaired|deaf|registered blind|partially sighted|visually impaired|screen reader|dementia|alzheimer's|depression|depressed|mental health|dyslexi\w*|autis\w*|learning (?:difficult|disabilit)\w*|limited english|english|universal credit|benefits|pension|widow\w*|bereave\w*|divorc\w*|redundan\w*|carer|wheelchair|mobility scooter)\b/;

/** Caring for an animal: "look after my cat Mochi", "caring for our dog". */
const CARE_OF_AN_ANIMAL = new RegExp(
  `^(?:care|cares|caring|cared|look|looks|looking|looked)\\s+(?:for|after)\\s+(?:my|our|his|her|their|the)\\s+(?:\\w+\\s+)?(?:${PETS})\\b`,
);

/** Whether the caring at the position is for an animal, whose care tells nothing of the customer's life. */
export function isCareOfAnAnimal(text: string, at: number): boolean {
  return CARE_OF_AN_ANIMAL.test(text.slice(at, at + 60));
}

/** A dog that works for its owner tells of the owner's condition: "her guide dog", "my assistance dog". */
const WORKING_ANIMAL = /^(?:guide|assistance|hearing|support|service)$/;
const TITLES = ["mr", "mrs", "ms", "miss"];
/** Words that name a person other than by family: "Mrs Ansell", "the customer", "the lady at number 9". */
const PERSON_WORDS = [
  ...TITLES,
  "dr",
  "customer",
  "caller",
  "resident",
  "tenant",
  "man",
  "woman",
  "lady",
  "gentleman",
  "passenger",
];
const A_PERSON = new RegExp(`^(?:${PERSON_WORDS.join("|")})$`);

/**
 * The pet named last in the two sentences before the position, when no person is named after it there:
 * "My cat's been really poorly … Do you deliver from Pets at Home? She's on a special kidney diet".
 */
function lastPetNamedBefore(
  text: string,
  start: number,
  someoneElseWords: ReadonlySet<string>,
): string | undefined {
  let pet: string | undefined;
  let previous = "";
  for (const [written] of sentencesBefore(text, start).matchAll(WORDS)) {
    const word = written.replace(/'s$/, "");
    if (A_PET.test(word) && !WORKING_ANIMAL.test(previous)) pet = word;
    else if (someoneElseWords.has(word) || A_PERSON.test(word)) pet = undefined;
    previous = word;
  }
  return pet;
}

/** Words that point back at someone named before them in the sentence. */
const THIRD_PERSON: ReadonlySet<string> = new Set([
  "he",
  "he's",
  "she",
  "she's",
  "his",
  "him",
  "her",
  "they",
  "they're",
  "their",
  "them",
]);

/**
 * A condition's word naming a facility, a product or a job, not someone's condition: "disabled parking",
 * "my funeral plan", "a carer by profession", "the carer this morning".
 */
const FACILITY_AFTER =
  /^(?!(?:can't|cannot|can|couldn't|could|unable)\s)\S+\s+(?:parking|toilets?|loos?|access|bays?|spaces?|entrances?|ramps?|facilities|lifts?|changing rooms?|friendly|accessible|road|street|lane|avenue|car park|policy|department|collectors?|collection agency|plans?|directors?|director's|arrangers?|parlour|cover|insurance)\b/;
/** A doctor's surgery, not an operation: "your surgery has sent a letter", "at the GP surgery". */
const A_SURGERY_AS_A_PLACE_BEFORE =
  /\b(?:your|our|gp|gp's|doctor's|doctors|dental|dentist's|vet's|vets|from the|at the|to the|by the|in the|rang the|called the|phoned the)\s+$/;
/** A window's blind, not a condition: "the blind in Class 4 is stuck", "a roller blind". */
const A_WINDOW_BLIND = /\b(?:the|a|roller|window|venetian|roman|vertical|blackout|kitchen|bedroom)\s+$/;
const JOB_BEFORE = /\b(?:work(?:ing|ed)? as an?|job as an?|trained as an?|qualified)\s+$/;
/** A care worker, not the customer's caring: "the carer on Saturday", "your carers", "two carers attended". */
const A_CARE_WORKER_BEFORE =
  /\b(?:the|one|two|three|four|your|new|male|female|agency|usual|regular|morning|evening|night|lunchtime|other|which|whose|all the|one of the)\s+$/;
const JOB_AFTER = /^\S+\s+by (?:profession|trade)\b/;

/** Whether the word at the position names a facility or someone's job rather than a condition. */
export function namesAFacilityOrJob(text: string, at: number): boolean {
  const after = text.slice(at, at + 60);
  return (
    FACILITY_AFTER.test(after) ||
    (after.startsWith("blind") && A_WINDOW_BLIND.test(text.slice(Math.max(0, at - 12), at))) ||
    (after.startsWith("surgery") && A_SURGERY_AS_A_PLACE_BEFORE.test(text.slice(Math.max(0, at - 16), at))) ||
    (/^carers?\b/.test(after) && A_CARE_WORKER_BEFORE.test(text.slice(Math.max(0, at - 16), at))) ||
    JOB_AFTER.test(after) ||
    JOB_BEFORE.test(text.slice(Math.max(0, at - 30), at))
  );
}

/** A hardship put down to a fault of ours in its own clause: "I can't pay my bill because I can't log in". */
const BLAMES_A_FAULT =
  /^[^.?!]{0,40}?\b(?:(?:on|in|through|via|using)\s+(?:the|your)\s+(?:\w+\s+)?(?:app|website|site|portal|system|payment page|card machine)\b|(?:because|as|since|cos|cause)\s+(?:i\s+(?:can't|cannot|can not|couldn't)\s+(?:log|sign|get)\s*(?:in|on|into)\b|(?:the|your)\s+(?:\w+\s+)?(?:website|app|site|system|portal|link|payment page|card machine)\b))/;

/** Whether what is said at the position is put down to a fault of ours ("can't pay because the app is down"). */
export function blamesAFault(text: string, at: number): boolean {
  return BLAMES_A_FAULT.test(text.slice(at));
}

/** Words that put "court" before a judge: "to court", "the county court", "small claims court". */
const COURT_BEFORE =
  /(?:^|\s)(?:to|in|into|the|a|at|through|via|before|of|and|or|county|claims|magistrates'?|crown|high|civil|family|court)\s+$/;

/** Someone's place of work: "I work at the county court in town". */
const WORKS_AT_BEFORE =
  /\bwork(?:s|ing|ed)?\s+(?:at|in|for)\s+(?:the\s+)?(?:county\s+|crown\s+|magistrates'?\s+|local\s+)?$/;
/** A body's printed matter after its name: "a Trading Standards leaflet", "the ombudsman's poster". */
const A_PUBLICATION_AFTER =
  /^[\p{L}' ]{0,40}?\s(?:leaflets?|posters?|adverts?|advertisements?|newsletters?|flyers?)\b/u;

/** Whether a legal body's name at the position only names its leaflet or poster, no step against us. */
export function namesAPublication(text: string, at: number): boolean {
  return A_PUBLICATION_AFTER.test(text.slice(at, at + 60));
}

/** A number after "court" names one to play on: "court 3", "court two". */
const COURT_NUMBERED = /^\s+(?:\d+|one|two|three|four|five|six|seven|eight)\b/;

/**
 * The Welsh "llys" (court) as a court of law takes the article ("i'r llys", "yn y llys") or names the kind
 * of court ("llys sirol", "llys ynadon"); a place's name puts it first with no article ("15 Llys Gwyn",
 * "Bloc C, Llys Glyndŵr", "1 Llys yr Eglwys").
 */
const WELSH_ARTICLE_BEFORE = /(?:^|\s)(?:y|yr)\s+$|'r\s+$/;
const WELSH_COURT_AFTER = /^\s+(?:sirol|ynadon|hawliadau|apêl|apel|y goron|barn)\b/;

/**
 * Whether "court" (or "llys") at the position is part of a place's name ("Flat 2, Saxon Court"), not a court of law:
 * a name word stands right before it, where a court of law has "to", "the" or the kind of court.
 */
export function namesAPlace(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 30), at);
  if (/^llys\b/.test(text.slice(at, at + 5)))
    return !WELSH_ARTICLE_BEFORE.test(before) && !WELSH_COURT_AFTER.test(text.slice(at + 4, at + 30));
  // "I work at the county court": a place of work.
  if (
    /^(?:(?:county|crown|magistrates'?)\s+)?court\b/.test(text.slice(at, at + 20)) &&
    WORKS_AT_BEFORE.test(before)
  )
    return true;
  if (!/^court\b/.test(text.slice(at, at + 6))) return false;
  // "court 3", "court two": a numbered court is one to play on.
  if (COURT_NUMBERED.test(text.slice(at + 5, at + 20))) return true;
  return /\p{L}\s+$/u.test(before) && !COURT_BEFORE.test(before);
}

/** A summons to the customer before the court in its sentence: "a summons to appear before the magistrates' court". */
const SUMMONED_BEFORE = /\b(?:summons(?:es|ed)?|summoned|to appear (?:before|at|in))\b[^.?!]*$/;
/** Our letter, reminder or notice told of before the step: "a letter saying it will go to court", "threatening court". */
const OUR_PAPER_SAYS_BEFORE =
  /\b(?:lett?ers?|leters?|reminders?|notices?|demands?|warnings?|statements?|bills?|emails?|texts?)\b[^.?!]{0,80}?(?<!\b(?:and|he|she|they|i|we|customer|caller)\s)\b(?:saying|says|said|stating|states|threatening|threatens|threatened|warning|warns|warned|telling me)\b[^.?!]{0,80}$|\bthreat(?:en|ens|ened|ening)\s+(?:me|us|him|her|them)\s+with\s+(?:\w+\s+)?$/;
/** The step made hang on the customer paying: "it will go to court if I don't pay". */
const UNLESS_THE_CUSTOMER_PAYS =
  /^[^.?!]{0,60}?\b(?:(?:if|unless)\s+(?:i|we|he|she|they)\s+(?:don't|do not|dont|doesn't|does not|can't|cannot|cant|didn't|did not)\s+pay|unless\s+(?:i|we|he|she|they)\s+pay)\b/;

/** A question that opens on a supposition: "if my claim is turned down, would I need a solicitor?". */
const OPENS_ON_A_SUPPOSITION =
  /^\W*(?:and\s+|but\s+|so\s+)?(?:if|in case|suppose|supposing|should|in the event)\b/;

/**
 * Whether the step at the position is asked about on a supposition, with no step raised as the customer's:
 * "if my claim gets turned down, would I need a solicitor to challenge it?". "If it isn't sorted I'll see
 * you in court?" raises one.
 */
export function isAskedOnASupposition(
  text: string,
  at: number,
  raisesAStep: (sentence: string) => boolean,
): boolean {
  const { start, end } = sentenceBounds(text, at);
  const sentence = text.slice(start, end);
  return text.charAt(end) === "?" && OPENS_ON_A_SUPPOSITION.test(sentence) && !raisesAStep(sentence);
}

/** A court's judgment or order about the customer: "a county court judgment back in 2019". */
const A_JUDGMENT_AFTER =
  /^(?:county\s+)?(?:court|llys)\s+(?:judgm?ents?|judgements?|orders?|fines?|costs)\b|^ccjs?\b/;
/** Where our paper's words stop and the customer's own begin again: "…if I don't pay, so I'll…". */
const CLAUSE_AFTER = /[,;:]\s|\s(?:but|so|and i|and we|because)\s/;

/**
 * Whether a step at the position is one the organisation takes against the customer, told in our own
 * papers' words: a summons to court, a letter saying it will go to court, "if I don't pay", a county court
 * judgment. The customer raises no step of their own in the rest of the sentence ("your letter says I can go
 * to the ombudsman, and I will"); the words quoted from our letter ("court proceedings may follow") are ours.
 */
export function isOurStepAgainstTheCustomer(
  text: string,
  at: number,
  raisesAStep: (sentence: string) => boolean,
): boolean {
  const { start, end } = sentenceBounds(text, at);
  const before = text.slice(start, at);
  const after = text.slice(at, end);
  const ours = SUMMONED_BEFORE.exec(before) ?? OUR_PAPER_SAYS_BEFORE.exec(before);
  if (!ours && !UNLESS_THE_CUSTOMER_PAYS.test(after) && !A_JUDGMENT_AFTER.test(after)) return false;
  const clause = after.search(CLAUSE_AFTER);
  const theirs = `${before.slice(0, ours?.index ?? before.length)} ${clause < 0 ? "" : after.slice(clause)}`;
  return !raisesAStep(theirs);
}

/**
 * Work a solicitor does that is no dispute with us: probate, an estate, conveyancing, a power of attorney, a
 * claim for someone else against our customer ("solicitors acting for the neighbour of our policyholder").
 */
const SOLICITORS_OTHER_WORK =
  /\b(?:(?:acting for|act for|representing|on behalf of|instructed by)\s+(?:the|a|an|their)\s+(?:\w+\s+)?(?:neighbours?|other (?:driver|party|motorist|vehicle's (?:driver|owner))|third party|claimant)|probate|estate of the late|(?:the|his|her|their|late \w+'s|\w+'s)\s+estate|conveyanc\w*|power of attorney|deputyship|executors?|(?:buying|selling|sale of|purchase of)\s+(?:a|the|our|my|his|her|their)\s+(?:house|home|flat|property))\b/;

/**
 * Whether a solicitor at the position is named doing other work, with no step raised in the sentence: "our
 * family solicitor, who is dealing with probate, has written to you".
 */
export function namesASolicitorsOtherWork(
  text: string,
  at: number,
  raisesAStep: (sentence: string) => boolean,
): boolean {
  if (!/^(?:solicitors?|solicitor's|lawyers?|cyfreithiwr|cyfreithwyr)\b/.test(text.slice(at, at + 14)))
    return false;
  const sentence = sentenceAround(text, at);
  return SOLICITORS_OTHER_WORK.test(sentence) && !raisesAStep(sentence);
}

/** A court named as the authority behind someone's role: "a deputy appointed by the Court of Protection". */
const COURT_AS_AUTHORITY = /^court(?:\s+of\s+protection\b|-appointed\b|\s+appointed\b)/;
const APPOINTED_BY = /\b(?:appointed|approved|authorised|authorized)\s+by\s+(?:the\s+|a\s+)?$/;

/** Whether "court" at the position names the authority behind a role, not a step anyone takes. */
export function namesACourtsAuthority(text: string, at: number): boolean {
  return (
    COURT_AS_AUTHORITY.test(text.slice(at, at + 30)) ||
    (/^court\b/.test(text.slice(at, at + 6)) && APPOINTED_BY.test(text.slice(Math.max(0, at - 30), at)))
  );
}

/** A condition named in a figure of speech: "nearly had a heart attack when I saw the bill". */
const FIGURE_OF_SPEECH_BEFORE =
  /\b(?:nearly|almost|practically|virtually|near enough)\s+(?:had|have|having|gave me|give me|giving me)\s+(?:a\s+)?$|\b(?:gave|give|giving|gives)\s+me\s+a\s+$/;
/** A thing that "died": "my bloody car has died again", "the phone just died". */
const A_THING_BEFORE =
  /\b(?:car|phone|mobile|battery|laptop|computer|boiler|tv|telly|printer|fridge|freezer|van|engine|router|kettle|washer|dryer|tablet|charger|machine|dishwasher|microwave|oven|hoover|vacuum|heater|shower|camera|watch|console|screen|bulb|clock|something|mouse|rat|bird|plant|plants|hedge|tree|lawn|fish)\s+(?:\w+\s+)?$/;
const DIED = /^(?:has\s+|had\s+|just\s+)?died\b/;
/** "Disabled" done to a thing: "my bank had disabled my card", "they disabled the account". */
const DISABLED_AS_A_VERB = /^disabled\s+(?:my|the|your|our|his|her|their|it|them|this|that|all|any)\b/;
/** "Blind" said of how something is done: "pay an increase of this size blind", "signed it blind". */
const DONE_BLIND =
  /^blind(?:ly)?\b(?!\s+(?:person|people|man|woman|lady|customer|since|from|in one|in both))/;
const DONE_BEFORE =
  /\b(?:pay|paying|paid|buy|buying|bought|sign|signing|signed|agree|agreeing|agreed|go|going|went|fly|flying|book|booking|booked|accept|accepting|order|ordering|ordered)\b[^.?!,]{0,40}$/;

/**
 * Whether the condition at the position is a figure of speech ("nearly had a heart attack", "my car has
 * died again", "pay it blind") or a verb ("the bank disabled my card"), not a condition.
 */
export function isAFigureOfSpeech(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return (
    FIGURE_OF_SPEECH_BEFORE.test(before) ||
    (DIED.test(text.slice(at, at + 20)) && A_THING_BEFORE.test(before)) ||
    DISABLED_AS_A_VERB.test(text.slice(at, at + 30)) ||
    (DONE_BLIND.test(text.slice(at, at + 30)) && DONE_BEFORE.test(before))
  );
}

/**
 * An illness told as over: "I'm well now", "fully recovered", "the all clear", "all sorted now", "long since
 * healed", "signed off by the consultant", "I'm now in remission".
 */
const RECOVERED =
  /\b(?:in a (?:much\s+)?(?:good|better|great) place now|(?:i'm|i am|im|he's|he is|she's|she is|they're|they are)\s+(?:\w+\s+)?(?:well|fine|better|recovered|okay|ok)\s+now|fully recovered|made a full recovery|the all clear|a false alarm|all (?:sorted|better|fine|healed|clear) now|back to normal|right as rain|fully back on (?:my|his|her|our|their) feet|back on (?:my|his|her|our|their) feet now|(?<!\b(?:until|till|til|when|once|before|after|if)\s)(?:i'm|i am|im|he's|he is|she's|she is)\s+back on (?:my|his|her|their) feet|fully mobile again|(?:i'm|i am|im)\s+now\s+all\s+clear|(?:been\s+)?(?:all\s+)?clear for (?:\w+\s+)?(?:years?|months?)|(?:been\s+)?all clear for|(?:not|no longer) an issue any ?more|long past|(?:been|stayed)\s+(?:absolutely\s+|perfectly\s+)?(?:fine|well|ok|okay)\s+(?:ever\s+)?since|(?:long since|completely|fully|all|now)\s+healed|healed (?:now|up)|(?:cast|plaster) (?:is|'s|came|has come) off|signed (?:me\s+)?off by (?:the|my) (?:consultant|physio|doctor|surgeon|specialist|hospital)(?!\s+(?:from|for)\s+work)|(?:physio|physio's|consultant|doctor|surgeon|specialist)(?:'s|\s+has)?\s+signed me off(?!\s+(?:work|sick))|(?:i'm|i am|im|now)\s+(?:now\s+)?(?:fully\s+|completely\s+)?(?:clear|cancer[- ]free|in remission)\b(?!\s+(?:about|on|that|what))|fully discharged|clear scans|out of plaster|(?:fully|all|now)\s+mended|mended now|walking (?:fine|normally|properly) again)\b/;
/**
 * A hardship told as over: "redundancy, but I've got a new job starting Monday"; not a job that "then fell
 * through".
 */
const BACK_IN_WORK =
  /\b(?:new job|back in work|back at work|back to work|found work|found a job|got a job)\b(?![^.?!]{0,30}\b(?:fell through|didn't happen|did not happen|was withdrawn|got withdrawn|was cancelled|collapsed|never started|didn't start|didn't work out)\b)/;

/** A fear or a condition of the writer's childhood: "I was terrified of the dentist as a child". */
const OUTGROWN =
  /\b(?:as a (?:child|kid|boy|girl|teenager)|when i was (?:young|younger|little|small|a (?:child|kid|boy|girl|teenager)))\b/;
/** A spell of illness years behind the writer: "years ago when I had depression", "during my chemo ten years ago". */
const YEARS_BEHIND =
  /\b(?:years ago|\w+ years back)\b[^.?!]{0,30}\b(?:when i had|during my|while i had|while i was|when i was going through)\b|\b(?:when i had|during my|while i had|when i was going through)\b[^.?!]{0,40}\b(?:years ago|\w+ years back)\b/;

/**
 * Whether a hardship or an illness at the position is told as over in its own sentence ("depression, but
 * I'm well now", "a kidney stone (all sorted now)"), or an illness in the next ("I was stuck at home with
 * Covid. I'm fully recovered now"). A new job told in the next sentence may leave a debt behind it.
 */
export function isOverAlready(text: string, at: number): boolean {
  const sentence = sentenceAround(text, at);
  return (
    RECOVERED.test(sentence) ||
    BACK_IN_WORK.test(sentence) ||
    OUTGROWN.test(sentence) ||
    YEARS_BEHIND.test(sentence) ||
    RECOVERED.test(sentenceAfter(text, at))
  );
}

/** An insult pointed at one person: "which idiot packed this", "that moron on the phone". */
const POINTED =
  /\b(?:which|whichever|whoever|that|this|these|those|the last|the first|the other|the next)\s+(?:\w+\s+)?$/;
/**
 * An insult followed by whom it means ("the stupid cow who wrote this letter") or by what they did
 * ("useless idiot left my ceiling hanging down").
 */
const POINTED_AFTER =
  /^[^,;:]{0,20}?\s(?:who|that you)\b|^\S+\s+(?:i|we)\s+(?:spoke|talked|dealt|had|got)\b|^\S+\s+(?:left|took|sent|told|said|came|went|put|broke|threw|hung|gave|made|rang|lost|forgot|let|dropped|damaged|smashed|packed|wrote|charged|cancelled|ignored|laughed)\b/;
/**
 * An insult the writer turns on themselves: "I'm such an idiot", "silly me", "I felt like a muppet", "we
 * were first-time buyers and completely clueless".
 */
const SELF_BEFORE =
  /\b(?:i'm|im|i am|i was|i've been|i have been|i feel|i felt|i feel like|i felt like|we're|we are|we were|we've been|we felt|made me look|made us look|call me|silly me|me)\s+(?:\w+\s+){0,2}$|\b(?:i|we)\s+(?:was|were|am|are|felt)\b[^.?!,;]{0,40}\band\s+(?:\w+\s+)?$/;
/** An insult for a stranger, not someone named: "some bloody idiot drove into the back of me", "another clown". */
const A_STRANGER_BEFORE = /\b(?:some|another)\s+(?:\w+\s+){0,2}$/;
/** A sentence this short is an exclamation at the reader: "Idiots!", "Absolute clowns." */
const EXCLAMATION_WORDS = 4;

/**
 * Profanity in what the writer calls themselves or was made to feel: "I'm a complete f***ing idiot", "I felt
 * like a f***ing fool", "didn't make me feel like crap".
 */
const CALLS_THEMSELVES =
  /\b(?:i'm|im|i am|i was|i feel|i felt|i feel like|i felt like|i've been|i have been|(?:make|made|makes|making) me (?:feel|look)(?: like)?)\s+(?:such\s+)?(?:an?\s+)?(?:complete\s+|total\s+|absolute\s+|utter\s+|right\s+)?$/;

/**
 * Profanity that is itself a word for people, written out or with any letters starred: "the lazy t***s on
 * the bin wagon", "pr**ks", "w*****r". Like an insult it is aimed at whoever it names, never at a thing or a
 * situation.
 */
const WORDS_FOR_PEOPLE = [
  "twat",
  "prick",
  "wanker",
  "tosser",
  "bastard",
  "arsehole",
  "dickhead",
  "knobhead",
  "cunt",
  "bitch",
].flatMap((word) => [word, word.endsWith("ch") ? `${word}es` : `${word}s`]);
const STARRED_WORD = /^[a-z*]+/;

/** Whether profanity at the position is a word for people ("t***s", "pricks"), to be read as an insult is. */
export function namesPeople(text: string, at: number): boolean {
  const word = STARRED_WORD.exec(text.slice(at, at + 20))?.[0] ?? "";
  const letters = new RegExp(`^${word.replace(/\*/g, "[a-z]")}$`);
  return WORDS_FOR_PEOPLE.some((person) => letters.test(person));
}

/** Words told as someone else's, to the writer: "he told me to 'f*** off'", "the driver shouted 'get your own parcels'". */
const SAID_TO_THE_WRITER_BEFORE =
  /\b(?:he|she|they|driver|engineer|fitter|agent|advis[eo]r|man|woman|lady|guy|bloke|lad)\s+(?:\w+\s+){0,2}(?:told me|told us|said|says|shouted|yelled|screamed|swore|replied|called me|called us)\b[^.?!]{0,40}$/;

/** Whether profanity at the position is someone else's words to the writer, told by the writer, not their own. */
export function isSaidToTheWriter(text: string, at: number): boolean {
  return SAID_TO_THE_WRITER_BEFORE.test(text.slice(sentenceBounds(text, at).start, at));
}

/** "Effing and blinding": the idiom tells of swearing; it swears at nobody. */
const TELLS_OF_SWEARING = /^eff(?:ing|in')?\s+and\s+blind(?:ing|in')?\b/;

/** Whether profanity at the position only tells of someone swearing ("effing and blinding at the satnav"). */
export function tellsOfSwearing(text: string, at: number): boolean {
  return TELLS_OF_SWEARING.test(text.slice(at, at + 30));
}

/** Whether profanity at the position is in what the writer calls themselves ("I'm a complete f***ing idiot"). */
export function isTurnedOnTheWriter(text: string, at: number): boolean {
  return CALLS_THEMSELVES.test(text.slice(sentenceBounds(text, at).start, at));
}

/** Where a clause ends: a stop, a comma, a quotation mark, a bracket, or a joining word. */
const CLAUSE_EDGE = /[.!?;:,"()\u201c\u201d]|\s'|'\s|\s(?:and|but|because|cos|so|then)\s/g;
/** Words put in quotation marks as what someone was called: "called me a 'useless f***ing cowboy'". */
const CALLED_SOMEONE = /\bcall(?:ed|s|ing)?\s+\S+\s+(?:an?\s+)?["'\u201c\u2018]?$/;
/** A clause this short is sworn at the reader ("f*** off", "f*** this"), whatever it names. */
const SWORN_AT_THE_READER_WORDS = 2;

/**
 * Whether profanity at the position swears about a thing or a situation, naming nobody in its clause:
 * "the f***ing fridge has packed up again", "it's a f***ing nightmare down here", "bloody useless things".
 * A clause that names staff or anyone ("you f***ing idiots", "your f***ing driver") is aimed at them.
 */
export function swearsAtAThingOrSituation(
  text: string,
  at: number,
  personWords: ReadonlySet<string>,
): boolean {
  const before = text.slice(sentenceBounds(text, at).start, at);
  const edges = [...before.matchAll(CLAUSE_EDGE)];
  const last = edges[edges.length - 1];
  const start = last === undefined ? 0 : last.index + last[0].length;
  const rest = text.slice(at, sentenceBounds(text, at).end);
  const end = rest.slice(1).search(CLAUSE_EDGE);
  const clause = `${before.slice(start)}${end < 0 ? rest : rest.slice(0, end + 1)}`;
  const words = [...clause.matchAll(WORDS)].map(([word]) => word);
  return (
    words.length > SWORN_AT_THE_READER_WORDS &&
    !words.some((word) => personWords.has(word)) &&
    !CALLED_SOMEONE.test(before.slice(0, start))
  );
}

/**
 * Whether an insult at the position is aimed at someone rather than describing a situation, the writer
 * ("I'm such an idiot") or a stranger ("some idiot went into the back of me"): its sentence speaks to or of
 * staff ("you lot are clowns"), points at one person, or is an exclamation on its own.
 */
export function isAimedAtSomeone(text: string, at: number, staffWords: ReadonlySet<string>): boolean {
  const { start, end } = sentenceBounds(text, at);
  const sentence = text.slice(start, end);
  if (SELF_BEFORE.test(text.slice(start, at))) return false;
  const named = firstWordIn(sentence, staffWords) !== undefined;
  if (A_STRANGER_BEFORE.test(text.slice(start, at)) && !named) return false;
  return (
    named ||
    POINTED.test(text.slice(start, at)) ||
    POINTED_AFTER.test(text.slice(at, end)) ||
    [...sentence.matchAll(WORDS)].length <= EXCLAMATION_WORDS
  );
}

/** Something got or done for someone, before "for my mum": "a present for my mum", "read out the label for my neighbour". */
const GOT_FOR_THEM_BEFORE =
  /\b(?:present|gift|birthday|christmas|bought|buy|buying|treat|surprise|label)\b[^.?!,;]{0,30}$/;

/**
 * Whether "for my mum" (or dad, or neighbour) at the position tells of something got or done for them, not
 * of writing for them: "looking to buy a sofa as a present for my mum" acts for nobody.
 */
export function isSomethingGotForThem(text: string, at: number): boolean {
  return GOT_FOR_THEM_BEFORE.test(text.slice(sentenceBounds(text, at).start, at));
}

/** Someone other than the customer placed by the phrase: "put him in hospital", "took her to hospital". */
const SOMEONE_ELSE_PLACED = /\b(?:him|them|her)\s+(?:(?:in|into|to|on|at)\s+(?:a\s+|the\s+)?)?$/;
const PLACE_PREPOSITION = /^(?:in|into|to|on|at)\b/;

/** Whether the phrase at the position places someone else, not the customer ("I'll put him in hospital"). */
export function aboutSomeoneNamedBefore(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 16), at);
  const placed = SOMEONE_ELSE_PLACED.exec(before);
  // "her" alone before a condition is hers ("her dementia"): only a place puts someone there.
  return (
    placed !== null &&
    (/\s(?:in|into|to|on|at)\s+(?:a\s+|the\s+)?$/.test(placed[0]) || PLACE_PREPOSITION.test(text.slice(at)))
  );
}

/** A procedure's word: what a hospital or a clinic does for a patient, no condition of theirs in itself. */
const A_PROCEDURE = /^(?:surgery|operation|hip replacement|knee replacement|procedure)\b/;
/**
 * A message to the one who does the procedure: the customer's patient or hospital number, our hospital,
 * clinic or surgeon, a self-pay price, the procedure quoted, priced or charged for ("a second operation … charged separately"), or
 * moved or cancelled by the ones who give it ("my knee operation has been moved three times").
 */
const WRITTEN_TO_THOSE_WHO_TREAT =
  /\b(?:patient|hospital)\s+(?:no\b|number|id\b|ref\b|reference)|\byour\s+(?:\w+\s+){0,2}(?:hospital|clinic|practice|surgeon|consultant)s?\b|\bself[- ]pay\b|\b(?:the|my|your)\s+(?:surgeon|consultant|anaesthetist)\b|\b(?:quote|quoted|price|priced|cost|costs|fee|invoice|charged)\b[^.?!]{0,40}\b(?:surgery|operation|procedure|replacement)\b|\b(?:surgery|operation|procedure|replacement)\b[^.?!]{0,60}\b(?:quoted|priced|cost|costs|charged|invoiced)\b|\b(?:surgery|operation|procedure|replacement)\s+(?:has|have|had)?\s*(?:been|was|were|keeps being)\s+(?:\w+\s+)?(?:moved|rescheduled|postponed|cancelled|put back|brought forward)\b/;

/**
 * Whether the procedure at the position is the treatment we provide, in a message to us as the ones who
 * give it ("my knee replacement", "the quote for my cataract surgery", patient number given): the service
 * itself, not a condition. The customer's conditions ("I have MS", "I'm deaf") still count.
 */
export function isATreatmentWeProvide(text: string, at: number): boolean {
  return A_PROCEDURE.test(text.slice(at, at + 20)) && WRITTEN_TO_THOSE_WHO_TREAT.test(text);
}

/** A firm writing for a dead customer's estate: "we act for the executors of the late Mr Albright". */
const WRITTEN_FOR_THE_ESTATE =
  /\b(?:we|this firm|our firm)\s+(?:act|are acting|have been instructed|are instructed|represent)\s+(?:for|by|on behalf of)?\s*the\s+(?:executors?|administrators?|personal representatives?|estate)\b/;

/** Whether the text is a firm's letter for a dead customer's estate, where the death is the estate's business, not a bereavement. */
export function isWrittenForTheEstate(text: string): boolean {
  return WRITTEN_FOR_THE_ESTATE.test(text);
}

/**
 * A claim for the customer against someone other than us: "the other driver's insurer has admitted
 * liability", "a claim against the other driver".
 */
const A_CLAIM_AGAINST_SOMEONE_ELSE =
  /\b(?:the other (?:driver|party|motorist|vehicle)|a third party|the third party|the defendant)(?:'s)?\s+(?:insurers?\s+)?(?:has|have|had)\s+(?:now\s+|already\s+)?admitted\s+liability\b|\bclaim\s+against\s+(?:the other (?:driver|party|motorist)|a third party|the third party|(?:his|her|their) (?:former\s+)?employer)\b|\b(?:solicitors?|lawyers?)\s+(?:acting|who act|who are acting|representing)\s+(?:for\s+)?the other (?:driver|party|motorist)\b/;

/**
 * Whether a representative's legal words are about a claim the text puts against someone other than us,
 * with no step raised against us elsewhere: "we act for Ms Malik in a personal injury claim, in which the
 * other driver's insurer has admitted liability; please provide her records".
 */
export function isAClaimAgainstSomeoneElse(text: string, raisesAStep: (text: string) => boolean): boolean {
  const claim = A_CLAIM_AGAINST_SOMEONE_ELSE.exec(text);
  if (!claim) return false;
  const { start, end } = sentenceBounds(text, claim.index);
  return !raisesAStep(`${text.slice(0, start)} ${text.slice(end)}`);
}

/** The people of the customer's own household, whose condition bears on how we deal with the customer. */
const HOUSEHOLD =
  "wife|husband|partner|mum|mother|mam|mom|dad|father|sons?|daughters?|child|children|kids?|baby|toddler|nan|nana|gran|granny|grandma|grandmother|grandad|grandpa|grandfather";
/** People outside the customer's household: wider family, friends, guests, a group. */
const OUTSIDE_THE_HOUSEHOLD =
  "guests?|visitors?|pupils?|passengers?|babies|grandson|granddaughter|grandchild|grandchildren|boyfriend|girlfriend|fianc[eé]e?|twins?|sister|brother|aunt|auntie|uncle|cousin|niece|nephew|neighbours?|friends?|mate|colleague|group";
/** The people a message can tell of besides the one it is about: family, friends, a group, pets. */
const OTHER_PEOPLE = `${HOUSEHOLD}|${OUTSIDE_THE_HOUSEHOLD}|year old|${PETS}`;
/** A name's "'s" straight before the condition: "Bramble's ear surgery", "Max's operation". */
const NAMED_OWNER_BEFORE =
  /(?:^|[^\p{L}'])(\p{L}+)'s\s+(?:(?!(?:and|but|or|so|because|then|i|he|she|they|we|it)\s)[\p{L}-]+\s+){0,3}$/u;
/** The word before that name, when it says whose the name is: "my husband Tom's", "Mrs Kaur's". */
const WHOSE_NAME_BEFORE = new RegExp(`\\b(?:${[...TITLES, "dr", OTHER_PEOPLE].join("|")})\\s+$`);
const ANOTHER_KIND_OF_PERSON = new RegExp(`^(?:${OTHER_PEOPLE}|${PERSON_WORDS.join("|")})$`);
/** Words whose "'s" names a time, a place or the one the message is about, not another person. */
const NOT_ANOTHER_OWNER =
  /^(?:today|tomorrow|yesterday|tonight|week|weeks|month|months|year|years|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|evening|night|it|that|there|here|what|who|where|let|one|everyone|anyone|nobody|somebody|someone|women|men|children|people|god|doctor|doctors|gp|vet|vets|hospital|dentist|surgeon|consultant|patient|customer|caller|resident|tenant|client|member|policyholder)$/;

/**
 * Whether a condition is owned by someone named with "'s" straight before it ("Bramble's ear surgery",
 * "Max's operation"), a pet or person other than the customer and their household ("my husband Tom's
 * care plan" stays the household's, "Mrs Kaur's broken wrist" in a colleague's note the caller's).
 */
function isOwnedByOneNamed(before: string, customerWords: ReadonlySet<string>): boolean {
  const named = NAMED_OWNER_BEFORE.exec(before);
  if (!named?.[1]) return false;
  const owner = named[1];
  if (customerWords.has(owner) || THIRD_PERSON.has(`${owner}'s`) || NOT_ANOTHER_OWNER.test(owner))
    return false;
  if (ANOTHER_KIND_OF_PERSON.test(owner)) return false;
  return !WHOSE_NAME_BEFORE.test(before.slice(0, named.index + named[0].indexOf(owner)));
}

/**
 * Someone outside the household named straight after a condition: "three coeliac guests", "a disabled
 * neighbour", "the wheelchair for a passenger at the back".
 */
const OUTSIDE_THE_HOUSEHOLD_AFTER = new RegExp(
  `^\\S*\\s+(?:\\w+\\s+)?(?:${OUTSIDE_THE_HOUSEHOLD}|${PETS})\\b|^\\S*\\s+for\\s+(?:a|an|the|another|other)\\s+(?:\\w+\\s+)?(?:passenger|guest|visitor|customer|person|pupil|resident)s?\\b`,
);
/** Someone else, with whose they are: "my wife", "our son", "my mother-in-law". */
const SOMEONE_ELSE = new RegExp(
  `\\b(?:(?:my|our|his|her|their|your)\\s+(?:[\\w-]+\\s+)?)?(?:${OTHER_PEOPLE})\\b`,
  "g",
);
/** Someone named straight after a condition: "my autistic son", "a disabled daughter". */
const SOMEONE_ELSE_AFTER = new RegExp(`^\\S*\\s+(?:\\w+\\s+)?(?:${OTHER_PEOPLE})\\b`);
const wordsPattern = (words: readonly string[]) => new RegExp(`\\b(?:${words.join("|")})\\b`, "g");
/** Someone else in the customer's own words: "he", "her", "Mr Hirst". */
const THIRD_PERSON_NAMED = new RegExp(
  `${wordsPattern([...THIRD_PERSON]).source}|\\b(?:${TITLES.join("|")})\\.?\\s+(?!(?:who|and|which|that|is|was|since|so|but|for|at|in|with|has|had)\\b)[a-z]`,
  "g",
);
/** The writer of their own message, as the one a condition is told of: "I", "my" ("my cancer diagnosis"). */
const THE_WRITER = wordsPattern([
  "i",
  "i'm",
  "i've",
  "i'd",
  "im",
  "ive",
  "my",
  "we",
  "we've",
  "we're",
  "our",
]);
/** The caller or visitor in a colleague's note. */
const THE_ONE_NOTED = wordsPattern([
  ...[...THIRD_PERSON].filter((word) => !word.startsWith("the")),
  ...TITLES,
  "customer",
  "caller",
  "guest",
  "patient",
  "tenant",
  "resident",
]);

const lastAt = (pattern: RegExp, text: string): number =>
  Math.max(-1, ...[...text.matchAll(pattern)].map((match) => match.index));
const firstAt = (pattern: RegExp, text: string): number =>
  [...text.matchAll(pattern)][0]?.index ?? Number.POSITIVE_INFINITY;

/**
 * Whether a condition at the position is told of the one the message is about, the writer (or the caller
 * in a colleague's note), and of nobody else: the person named nearest before it in its sentence, or
 * first after it if none is before ("As a wheelchair user I wanted to say…"). "My wife has MS" and "my
 * autistic son" tell of someone else; "I'm registered blind" and "since my cancer diagnosis I've…" of the
 * writer.
 */
export function isToldOfTheOneWriting(text: string, at: number, writtenByColleague: boolean): boolean {
  const { start, end } = sentenceBounds(text, at);
  const before = text.slice(start, at);
  const after = text.slice(at, end);
  if (SOMEONE_ELSE_AFTER.test(after)) return false;
  const self = writtenByColleague ? THE_ONE_NOTED : THE_WRITER;
  const others = writtenByColleague ? [SOMEONE_ELSE] : [SOMEONE_ELSE, THIRD_PERSON_NAMED];
  const selfBefore = lastAt(self, before);
  const otherBefore = Math.max(...others.map((other) => lastAt(other, before)));
  if (selfBefore >= 0 || otherBefore >= 0) return selfBefore > otherBefore;
  const otherAfter = Math.min(...others.map((other) => firstAt(other, after)));
  return firstAt(self, after) < otherAfter || (writtenByColleague && otherAfter === Number.POSITIVE_INFINITY);
}

/** One of the customer's household: "my wife", "our little boy", or "Mum" as a name (not "the granny"). */
const householdNamed = (possessive: string) =>
  new RegExp(
    `\\b(?:(?:my|our)\\s+(?:[\\w-]+\\s+)?(?:${HOUSEHOLD})|(?<!\\b(?:the|a|an|her|his|their|your|whose)\\s+)(?:mum|dad|mam|nan|nana|gran|granny|grandad))\\b${possessive}`,
    "g",
  );
/** In the condition's own sentence a possessive names something of theirs ("my mum's carer has…"). */
const THEIR_HOUSEHOLD = householdNamed("(?!')");
/** In the sentences before, it names them as well: "sat in my mother's front room … She is 87". */
const THEIR_HOUSEHOLD_EARLIER = householdNamed("");
/** Anyone else named: another person's relative, a pet, a title, "the lady at number 9". */
const ANYONE_NAMED = new RegExp(`${SOMEONE_ELSE.source}|\\b(?:${PERSON_WORDS.join("|")})\\b`, "g");
const PRONOUN_BEFORE = wordsPattern([...THIRD_PERSON]);
const PRONOUN_OPENING = /^(?:she|he|they)\b/;

/** A household member's name given after them: "my mum, Mrs Kamala Patel,", "my husband (Mr Ray Hill)". */
const THEIR_NAME_AFTER = new RegExp(
  `(${THEIR_HOUSEHOLD_EARLIER.source})(\\s*[,(]?\\s*(?:${TITLES.join("|")}|dr)\\.?\\s+[\\p{L}'-]+(?:\\s+[\\p{L}'-]+)?)`,
  "gu",
);
/** The text with those names blanked, so that the title in them names nobody else; positions are kept. */
const withoutTheirNames = (text: string): string =>
  text.replace(THEIR_NAME_AFTER, (_, household: string, name: string) => household + " ".repeat(name.length));

/**
 * Whether a condition at the position, in a customer's own message, is told of one of their household: the
 * nearest person before it in its sentence is one ("Mum has advanced dementia"), or is "she" or "he" and
 * the last person named in the two sentences before is one ("On the 9th my wife pressed her alarm … She
 * has MS"). The customer deals with us for them, so it bears on how we deal with the customer.
 */
export function isToldOfTheirHousehold(text: string, at: number): boolean {
  const { start } = sentenceBounds(text, at);
  const before = withoutTheirNames(text.slice(start, at));
  const household = lastAt(THEIR_HOUSEHOLD, before);
  const anyoneElse = lastAt(ANYONE_NAMED, before);
  // The phrase may itself open with the pronoun: "he died last month".
  const pronoun = PRONOUN_OPENING.test(text.slice(at)) ? before.length : lastAt(PRONOUN_BEFORE, before);
  if (household >= 0 && household >= anyoneElse && household >= pronoun) return true;
  if (pronoun < 0 || pronoun < anyoneElse || pronoun < household) return false;
  const earlier = withoutTheirNames(sentencesBefore(text, start));
  const named = lastAt(THEIR_HOUSEHOLD_EARLIER, earlier);
  return named >= 0 && named >= lastAt(ANYONE_NAMED, earlier);
}
