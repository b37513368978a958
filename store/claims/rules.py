"""The claim extractor's vocabulary, kept as data so a reader can widen it without touching code.

Every list here is plain words or phrases; :mod:`store.claims.extractor` and
:mod:`store.claims.quantities` compile them into regular expressions once per extractor. Adding
a verb, a hedge or a quantity word is a one-line change here, and the tests say whether it still
behaves. Forms are listed explicitly (``claims``, ``claimed``) instead of being derived by a
stemmer: the set is small, and an explicit list never matches a word nobody meant.
"""

from __future__ import annotations

# --- Attribution -------------------------------------------------------------------------------

#: Verbs that attribute what follows to a source ("Amaq claims ...", "Oryx is reporting ...").
#: Matched lower-case only, so "United States" never reads as "states".
ATTRIBUTION_VERBS: tuple[str, ...] = (
    "claims", "claimed", "claim",
    "said", "says", "say",
    "reported", "reports", "is reporting", "are reporting", "was reporting", "were reporting",
    "announced", "announces",
    "alleged", "alleges",
    "stated", "states",
    "boasted", "boasts",
    "trumpeted", "trumpets",
    "told", "tells",
    "insisted", "insists",
    "asserted", "asserts",
    "declared", "declares",
)  # fmt: skip

#: Verbs that attribute only when "that" follows ("he added that ...", not "they added 3 tanks").
ATTRIBUTION_VERBS_WITH_THAT: tuple[str, ...] = (
    "added", "adds", "wrote", "writes", "confirmed", "confirms", "warned", "warns",
    "maintained", "maintains", "noted", "notes", "acknowledged", "acknowledges",
)  # fmt: skip

#: Verb forms that are also plural nouns ("Amaq's claims are ..."); when one of them is followed
#: by a verb from :data:`VERB_FOLLOWERS` it is the noun, not an attribution.
NOUN_LIKE_FORMS: frozenset[str] = frozenset({"claims", "reports", "states", "claim", "says"})

#: Words that, right after a noun-like form, show it was a noun ("the claims are", "states said").
VERB_FOLLOWERS: frozenset[str] = frozenset({
    "is", "are", "was", "were", "have", "has", "had", "will", "would", "could", "may", "might",
    "say", "said", "says", "claim", "claimed", "suggest", "suggested", "show", "showed",
})  # fmt: skip

#: Words allowed between a subject and its verb without being part of the subject.
SUBJECT_VERB_FILLERS: frozenset[str] = frozenset({
    "also", "has", "have", "had", "again", "later", "earlier", "previously", "now", "then",
    "officially", "publicly", "repeatedly", "recently", "once", "first", "further", "today",
    "yesterday", "initially", "subsequently", "separately", "since", "already", "even",
})  # fmt: skip

#: A verb after one of these is hypothetical, negated or an infinitive ("I wouldn't say",
#: "did not claim", "needless to say"): it reports no claim.
NON_ASSERTING_BEFORE_VERB: frozenset[str] = frozenset({
    "to", "would", "could", "should", "might", "may", "can", "will", "must", "shall",
    "wouldn't", "couldn't", "shouldn't", "won't", "can't", "cannot", "don't", "doesn't",
    "didn't", "never", "not", "did", "do", "does", "wouldn’t", "couldn’t", "shouldn’t",
    "won’t", "can’t", "don’t", "doesn’t", "didn’t",
})  # fmt: skip

#: After one of these the verb form is a participle in a passive ("it is said", "were reported
#: killed"): the sentence is hedged, but names no source.
PASSIVE_BEFORE_VERB: frozenset[str] = frozenset({"is", "are", "was", "were", "be", "been", "being"})

#: A noun, not a verb, follows these ("the claims", "its reports", "all told").
DETERMINERS: frozenset[str] = frozenset({
    "the", "a", "an", "these", "those", "this", "that", "his", "her", "its", "their", "our",
    "my", "your", "such", "many", "some", "any", "all", "no", "which", "what", "whose",
    "other", "both", "each", "every", "several", "few", "own",
})  # fmt: skip

# --- Claimants ---------------------------------------------------------------------------------

#: Pronouns that stand for a source named earlier: the claim is kept and its claimant carried
#: from the sentence before when that sentence named one.
THIRD_PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "it", "they"})

#: Pronouns that are never claimants and make no attribution: the writer speaking ("I said",
#: "we reported"), the reader, or a demonstrative ("That said, ...").
NON_CLAIMANT_PRONOUNS: frozenset[str] = frozenset({
    "i", "we", "you", "me", "us", "this", "that", "these", "those", "which", "who", "whom",
    "what", "there", "here", "one", "someone", "somebody", "everyone", "everybody", "nobody",
    "anyone", "anybody", "something", "everything", "nothing", "him", "them", "her", "whoever",
})  # fmt: skip

#: Sentence openers that are not part of a name ("Separately Amaq said" names "Amaq").
DISCOURSE_WORDS: frozenset[str] = frozenset({
    "however", "separately", "meanwhile", "also", "still", "but", "and", "yet", "later",
    "earlier", "today", "yesterday", "now", "then", "moreover", "furthermore", "instead",
    "similarly", "so", "thus", "indeed", "additionally", "finally", "first", "second",
    # subordinators: "…, when it said …" has the pronoun "it" as its subject
    "when", "while", "after", "before", "because", "since", "as", "although", "though",
    "where", "whereas", "until", "once", "if", "unless",
})  # fmt: skip

#: Small words allowed inside a proper name ("Syrian Observatory for Human Rights",
#: "Abu Bakr al Baghdadi").
NAME_CONNECTORS: frozenset[str] = frozenset({"of", "for", "the", "al", "al-", "de", "bin", "&"})

#: A name after one of these inside a subject is a place, not the source ("officials in Homs").
PLACE_PREPOSITIONS: frozenset[str] = frozenset({
    "in", "from", "at", "near", "inside", "outside", "across", "around", "on",
})  # fmt: skip

#: Generic endings of an organisation name. A name made of one distinctive word plus one of
#: these is shortened to that word ("Amaq News Agency" -> "Amaq", "Xinhua News Agency" ->
#: "Xinhua"); longer names are kept whole ("Syrian Arab News Agency").
ORGANISATION_SUFFIXES: tuple[str, ...] = (
    "News Agency", "Press Agency", "Media Agency", "Agency", "News", "Media", "Media Center",
    "Media Centre", "Media Office", "Foundation", "Network",
)  # fmt: skip

#: In a common-noun subject these words end the subject ("One video released today" -> "One
#: video"); participles ending in -ed are cut the same way.
SUBJECT_BREAKS: frozenset[str] = frozenset({"who", "which", "that", "whose", "where", "when"})

#: A subject longer than this is more likely a misparse than a source.
MAX_SUBJECT_WORDS = 8

# --- Hedges and verification -------------------------------------------------------------------

#: Words by which a writer distances themself from a statement.
HEDGES: tuple[str, ...] = (
    "purportedly", "reportedly", "allegedly", "supposedly", "apparently", "claimed",
    "ostensibly", "rumoured", "rumored", "unverified",
)  # fmt: skip

#: Phrases by which a reporter says a figure or claim cannot be checked. They make every claim
#: in the same sentence, and the run of claims just before it, unverifiable.
UNVERIFIABLE_PHRASES: tuple[str, ...] = (
    "impossible to independently verify", "impossible to verify",
    "not possible to independently verify", "not possible to verify",
    "could not be independently verified", "could not be verified",
    "cannot be independently verified", "cannot be verified", "can't be independently verified",
    "can't be verified", "can not be verified", "could not independently verify",
    "cannot independently verify", "can't independently verify", "unable to independently verify",
    "unable to verify", "not been independently verified", "not be independently verified",
    "not independently verified", "no way to verify", "no way of verifying",
    "unconfirmed", "not independently confirmed", "could not be independently confirmed",
    "could not be confirmed", "cannot be confirmed",
)  # fmt: skip

#: How far back a verification phrase reaches: claims in this many paragraphs (its own and the
#: ones before), passing over at most :data:`VERIFY_MAX_GAP` sentences that are not claims.
VERIFY_MAX_PARAGRAPHS = 2
VERIFY_MAX_GAP = 1

# --- Quantities --------------------------------------------------------------------------------

#: Vague amounts: a figure with no count ("dozens of anti-armor rockets").
QUANTITY_WORDS: tuple[str, ...] = (
    "tens of thousands", "hundreds of thousands", "several", "dozens", "scores", "hundreds",
    "thousands", "millions", "numerous", "countless", "a handful", "a few", "multiple",
)  # fmt: skip

#: Number words and their values; "a" only counts before a scale ("a dozen", "a hundred").
SMALL_NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000,
}  # fmt: skip

#: Words before a number that qualify it; they stay in the quantity's text ("at least 50").
QUANTITY_QUALIFIERS: tuple[str, ...] = (
    "at least", "more than", "fewer than", "less than", "up to", "as many as", "nearly",
    "almost", "about", "around", "roughly", "approximately", "some", "over", "under",
    "an estimated", "estimated",
)  # fmt: skip

#: Units that turn a number into a measure or calibre ("130mm", "5 km"): such a number is part
#: of an item, not a count.
UNITS: tuple[str, ...] = (
    "mm", "cm", "km", "m", "kg", "lb", "lbs", "kt", "in", "inch", "caliber", "calibre", "%",
    "percent", "per cent",
)  # fmt: skip

#: Words that end an item ("352 men from the Syrian Army" -> "men").
ITEM_STOP_WORDS: frozenset[str] = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "from", "in", "on", "at", "by", "for",
    "with", "without", "to", "into", "during", "after", "before", "since", "than", "as", "that",
    "which", "who", "were", "was", "are", "is", "be", "been", "had", "have", "has", "will",
    "would", "could", "can", "may", "might", "this", "these", "those", "they", "it", "he",
    "she", "we", "its", "their", "near", "across", "while", "when", "where", "per", "each",
    "all", "including", "between", "among", "against", "over", "under", "about", "not",
})  # fmt: skip

#: Common past-tense verbs that do not end in -ed; after an item's first word they end the item
#: ("300 soldiers fled").
IRREGULAR_VERBS: frozenset[str] = frozenset({
    "fled", "fell", "sank", "died", "left", "fought", "took", "went", "came", "ran", "lost",
    "won", "got", "made", "saw", "hit", "shot", "struck", "held", "began", "became", "remain",
    "remained", "were", "stood", "sent", "built", "broke", "flew", "drove", "gave", "met",
    "surrendered", "withdrew", "caught", "kept", "led", "bought", "brought", "found", "put",
})  # fmt: skip

#: Items that show the number was a date, not a count ("13 December").
DATE_WORDS: frozenset[str] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "am", "pm", "a.m.", "p.m.",
})  # fmt: skip

#: An item is at most this many words; longer runs are cut.
MAX_ITEM_WORDS = 5
