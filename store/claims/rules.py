"""The claim extractor's vocabulary, kept as data so a reader can widen it without touching code.

Every list here is plain words or phrases; :mod:`store.claims.extractor` and
:mod:`store.claims.quantities` compile them into regular expressions once per extractor. Adding
a verb, a hedge or a quantity word is a one-line change here, and the tests say whether it still
behaves. Forms are listed explicitly (``claims``, ``claimed``) instead of being derived by a
stemmer: the set is small, and an explicit list never matches a word nobody meant.
"""

from __future__ import annotations

from typing import Final

# --- Attribution -------------------------------------------------------------------------------

#: Verbs that attribute what follows to a source ("Amaq claims ...", "Oryx is reporting ...").
#: Matched lower-case only, so "United States" never reads as "states".
ATTRIBUTION_VERBS: Final[tuple[str, ...]] = (
    "claims", "claimed", "claim",
    "said", "says", "say",
    "reported", "reports",
    "is reporting", "are reporting", "was reporting", "were reporting",
    "announced", "announces",
    "alleged", "alleges",
    "stated", "states",
    "boasted", "boasts",
    "trumpeted", "trumpets",
    "told", "tells",
    "insisted", "insists",
    "asserted", "asserts",
    "declared", "declares",
    "argued", "argues", "estimated", "estimates", "stressed", "stresses", "denied", "denies",
    "quipped", "quips", "cited", "cites", "forecast", "forecasts", "predicted", "predicts",
    "testified", "testifies", "complained", "complains", "urged", "urges", "pledged",
    "pledges", "revealed", "reveals", "conceded", "concedes", "admitted", "admits",
    "recalled", "recalls", "contended", "contends", "projected", "projects",
    "accused", "accuses",  # "accused Bloomberg of arguing …": only with "of" after its object
    # criticism: a statement whenever a clause or a quotation follows ("blasted him so hard
    # that it would …"), an act otherwise ("slammed the door")
    "blasted", "blasts", "slammed", "slams",
    # always a statement
    "hit back at", "hits back at", "hit out at", "hits out at",
    "put it simply", "put it bluntly", "put it succinctly", "puts it simply", "puts it bluntly",
)  # fmt: skip
# Outside SPEECH_VERBS these attribute only with "that", a reported clause, a quotation or a
# figure in the sentence: "the hospital reported the incident to the police" is an act.

#: Spanish reporting verbs ("dijo", "afirmó que"), for the Spanish-language pages news
#: collections hold; "según" and "de acuerdo con" are in :data:`ACCORDING_TO_FORMS`.
SPANISH_VERBS: Final[tuple[str, ...]] = (
    "dijo", "afirmó", "aseguró", "declaró", "explicó", "señaló", "indicó", "informó",
    "expresó", "comentó", "agregó", "añadió", "precisó", "destacó", "subrayó", "manifestó",
    "sostuvo", "reconoció", "apuntó", "reiteró", "enfatizó", "detalló", "advirtió",
    "insistió", "denunció", "recordó", "valoró", "razonó", "consideró", "opinó", "calificó",
    "aseveró", "puntualizó", "resaltó", "refirió", "argumentó", "anunció", "confirmó",
    "dice", "afirma", "asegura", "señala", "explica", "indica", "considera", "alertó",
    "reflexionó", "aclaró", "sentenció", "acotó",
    # a statement made with a noun ("hizo énfasis en que", "hizo referencia, como …")
    "hizo énfasis en", "hizo referencia", "puso énfasis en",
)  # fmt: skip

#: The last word of a role a person is written as ("the former mayor", "the Conservative MP",
#: "el viceprimer ministro"): such a claimant stands for the name it was introduced with.
PERSON_ROLES: Final[frozenset[str]] = frozenset({
    "mayor", "billionaire", "mp", "miembro", "member", "minister", "ministro", "ministra",
    "duchess", "duke", "prince", "princess", "king", "queen", "spokesman", "spokeswoman",
    "spokesperson",
    "secretary", "senator", "governor", "president", "chairman", "chairwoman", "chair",
    "director", "lawyer", "attorney", "judge", "chief", "leader", "founder", "ceo",
    "executive", "professor", "researcher", "scientist", "author", "coach", "manager", "owner",
    "actor", "actress", "singer", "star", "commissioner", "councillor", "councilman",
    "councilwoman", "congressman", "congresswoman", "lawmaker", "candidate", "democrat",
    "republican", "economist", "analyst", "dirigente", "presidente", "presidenta",
    "secretario", "secretaria", "vicepresidente", "entrenador", "player", "striker",
    "captain", "officer", "sheriff", "prosecutor", "defendant", "plaintiff",
    "winemaker", "chancellor", "vice-chancellor", "businessman", "businesswoman",
    "entrepreneur", "veteran", "activist", "historian", "writer", "novelist",
})  # fmt: skip

#: What a study, a test or a count does with its finding ("A study from 2012 counted 17
#: types", "post mortem tests showed high levels"): with a subject from
#: :data:`RESEARCH_NOUNS` these attribute even without "that".
FINDING_VERBS: Final[frozenset[str]] = frozenset({
    "found", "finds", "showed", "shows", "show", "revealed", "reveals", "counted", "counts",
    "discovered", "discovers", "estimated", "estimates", "concluded", "concludes",
    "turned up", "identified", "identifies", "recorded", "records", "measured", "detected",
})  # fmt: skip

#: Sources that are documents, studies, tests or data rather than people.
RESEARCH_NOUNS: Final[frozenset[str]] = frozenset({
    "study", "studies", "paper", "papers", "report", "survey", "poll", "polls", "analysis",
    "research", "data", "figures", "statistics", "tests", "test", "investigation",
    "investigations", "inquiry", "review", "audit", "census", "count", "work", "dating",
    "trial", "trials", "experiment", "experiments", "scans",
    "records", "examination", "autopsy", "post-mortem", "mortem", "footage", "documents",
})  # fmt: skip

#: A subject that is a part of its source ("details of the legislation", "Figures from the
#: European Centre for Disease Prevention and Control") names that source.
PARTITIVE_HEADS: Final[frozenset[str]] = frozenset({
    "details", "figures", "data", "results", "findings", "copy", "excerpts", "parts", "part",
    "numbers", "statistics",
})  # fmt: skip

#: Last words of a name that name nothing alone: after an owner ("Casey's Bar") the owner
#: stays part of the name.
GENERIC_NAME_ENDS: Final[frozenset[str]] = frozenset({
    "Bar", "Pub", "Cafe", "Café", "Restaurant", "Shop", "Store", "Hotel", "Inn", "Kitchen",
    "Salon", "Farm", "Club", "Garage", "Bakery", "Deli", "Diner", "Grill", "House",
})  # fmt: skip

#: A bare plural after "according to" that names no one ("according to estimates"): the
#: statement is the reporter's hedge, with no claimant.
UNNAMED_SOURCES: Final[frozenset[str]] = frozenset({
    "estimates", "reports", "sources", "rumours", "rumors", "accounts", "projections",
})  # fmt: skip

#: "the hospital", "the department": an organisation written out in full earlier ("Cork
#: University Hospital", "the transportation department") is the one meant.
ORGANISATION_ROLES: Final[frozenset[str]] = frozenset({
    "hospital", "department", "court", "university", "council", "ministry", "agency",
    "company", "trust", "board", "commission", "committee", "union", "firm", "institute",
    "school", "college", "museum", "foundation", "bank",
})  # fmt: skip

#: Spanish object pronouns before a verb ("Lo dijo porque ..."): the subject is dropped, and
#: the claim is the last speaker's.
OBJECT_CLITICS: Final[frozenset[str]] = frozenset({"lo", "la", "le", "les", "los", "las", "nos"})

#: Forms of "according to" in the languages above (matched with either case of the first
#: letter): the source follows.
ACCORDING_TO_FORMS: Final[tuple[str, ...]] = (
    "according to", "según", "de acuerdo con",
    # a source named by a noun phrase ("That is the view of coach Renaldo Gilkes")
    "the view of", "in the words of", "in the opinion of",
)  # fmt: skip

#: Reporting passives whose agent is the source ("monitored and reported by Nashi Groshi").
AGENT_VERBS: Final[frozenset[str]] = frozenset({
    "reported", "claimed", "estimated", "alleged", "stated", "revealed", "confirmed",
    "announced", "predicted", "forecast",
})  # fmt: skip

#: A forecast is itself a claim to check: after a named source these attribute with a plain
#: object ("The Met Office forecasts heavy rain", "the IMF predicted a recession").
PREDICTION_VERBS: Final[frozenset[str]] = frozenset({
    "forecast", "forecasts", "predicted", "predicts", "predict",
})  # fmt: skip

#: Verbs that only attribute speech, never act on an object: these need no "that" or figure.
SPEECH_VERBS: Final[frozenset[str]] = frozenset({
    "said", "says", "say", "told", "tells", "claims", "claimed", "claim", "insisted", "insists",
    "asserted", "asserts", "quipped", "quips", "argued", "argues", "stressed", "stresses",
    "boasted", "boasts", "alleged", "alleges", "contended", "contends", "testified",
    "testifies", "is reporting", "are reporting", "was reporting", "were reporting",
    "hit back at", "hits back at", "hit out at", "hits out at", "put it simply",
    "put it bluntly", "put it succinctly", "puts it simply", "puts it bluntly",
    *SPANISH_VERBS,
})  # fmt: skip

#: The object of these is the audience, not the source ("Myers ... told Variety" -> Myers).
AUDIENCE_VERBS: Final[frozenset[str]] = frozenset({"told", "tells"})

#: "..., saying ..." attributes the sentence to its subject ("The trust wrote, saying ...").
PARTICIPLE_VERBS: Final[tuple[str, ...]] = (
    "saying",
    "adding",
    "noting",
    "claiming",
    "warning",
    "arguing",
    "insisting",
    "stating",
)

#: A verb that can take an object ("reported the incident", "found a tool") reports a statement
#: only when what follows is not a plain object: a plain object is a few words with none of
#: these in them, ended by a preposition, a comma or the end of the sentence.
FINITE_VERBS: Final[frozenset[str]] = frozenset({
    "is", "are", "was", "were", "had", "has", "have", "would", "will", "could", "can", "may",
    "might", "must", "should", "did", "does", "do", "been", "being",
})  # fmt: skip
OBJECT_ENDS: Final[frozenset[str]] = frozenset({
    "to", "for", "in", "on", "at", "by", "with", "from", "into", "after", "before", "during",
    "and", "or", "but", "as", "of", "over", "about", "against", "last", "this",
})  # fmt: skip

#: Verbs that attribute only when "that" follows ("he added that ...", not "they added 3 tanks").
ATTRIBUTION_VERBS_WITH_THAT: Final[tuple[str, ...]] = (
    "added", "adds", "wrote", "writes", "confirmed", "confirms", "warned", "warns",
    "maintained", "maintains", "noted", "notes", "acknowledged", "acknowledges",
    "explained", "explains", "responded", "responds", "replied", "replies", "learnt",
    "learned", "related", "agreed", "agrees", "believes", "believed", "suggested",
    "suggests", "indicated", "indicates", "observed", "remarked", "emphasised",
    "emphasized", "questioned", "believes", "believe", "hopes", "hoped", "expects",
    "expected", "note", "found", "finds", "remembers", "remembered", "accepts",
    "accepted", "thinks", "thought", "think", "suggest", "state", "hinted", "hints", "joked",
    "jokes", "countered", "counters", "emphasises", "emphasizes", "criticized",
    "criticised", "informed", "informs", "is warning", "are warning", "was warning",
    "were warning", "is claiming", "are claiming", "is insisting", "are insisting",
    "is arguing", "are arguing", "is saying", "are saying", "was saying", "were saying",
    "points out", "pointed out", "point out", "makes clear", "made clear", "make clear",
    "concluded", "concludes", "determined", "ruled", "rules", "showed", "shows", "show",
    "found out", "discovered", "recounted", "recounts", "described", "describes",
    "worried", "worries", "fears", "feared", "predict", "estimate", "tweeted", "tweets",
    "counted", "turned up", "identified", "recorded", "detected",
    "posted", "theorized", "theorised", "outlined", "posit", "posits", "posited",
    # plural present forms and stated concerns ("Experts are concerned that ...")
    "warn", "argue", "insist", "fear", "worry", "admit", "agree", "add", "explain",
    # (not "concede": Spanish "la prioridad que concede"; not "complain": "hear someone
    # complain that" names no source; not "deny": "deny the enemy a propaganda hit")
    "allege", "contend", "assert", "maintain", "acknowledge", "confirm", "reveal",
    "conclude", "testify", "emphasise", "emphasize", "indicate", "declare",
    "announce",
    "is concerned", "are concerned", "was concerned", "were concerned",
)  # fmt: skip

#: After a verb of :data:`ATTRIBUTION_VERBS_WITH_THAT`, one of these opens the reported clause
#: just as "that" does ("fellow councilmembers warned they had the votes").
CLAUSE_SUBJECT_PRONOUNS: Final[frozenset[str]] = frozenset({"he", "she", "they", "we", "i"})

#: Verb forms that are also plural nouns ("Amaq's claims are ..."); when one of them is followed
#: by a verb from :data:`VERB_FOLLOWERS` it is the noun, not an attribution.
NOUN_LIKE_FORMS: Final[frozenset[str]] = frozenset({
    "claims", "reports", "states", "claim", "says",
    # more reporting verbs that are as often plural nouns ("Published estimates put this share
    # as high as", "Rust projects are well-suited", "the forecasts were")
    "estimates", "projects", "forecasts", "notes", "fears", "hopes", "tweets", "pledges",
    "worries", "rules",
})  # fmt: skip

#: A noun-like form right after "<one of these> <word>" is a noun inside a prepositional phrase
#: ("a surge in outage reports", "the count of police estimates"): it has no subject to report.
PHRASE_PREPOSITIONS: Final[frozenset[str]] = frozenset({
    "in", "of", "on", "for", "from", "with", "about", "by", "at", "into", "over", "amid",
    "after", "despite", "among", "against",
})  # fmt: skip

#: A noun-like form right after "<one of these> <verb>" is that verb's object ("able to lead
#: projects", "will fund projects"), not a verb of its own.
VERB_OPENERS: Final[frozenset[str]] = frozenset({
    "to", "would", "could", "should", "might", "may", "can", "will", "must", "shall", "cannot",
})  # fmt: skip

#: Words before a number that name a part of a text: "Article 5 states", "as page 12 states"
#: report, though a noun-like form after any other count is a noun ("the first two states").
TEXT_PARTS: Final[frozenset[str]] = frozenset({
    "page", "section", "article", "paragraph", "clause", "chapter", "rule", "table", "figure",
    "item", "line", "amendment", "verse", "point", "part", "annex", "appendix", "no", "number",
})  # fmt: skip

#: Endings of adjectives between a possessive and a noun-like form ("Bloomberg’s various
#: philanthropic projects", "Trump’s baseless claims"); not "-ive", "-ary", "-al", "-ian",
#: which end as many people ("representative", "secretary", "official", "historian").
ADJECTIVE_ENDS: Final[tuple[str, ...]] = ("ous", "ic", "ical", "ful", "less", "ish", "able", "ible")

#: Words that, right after a noun-like form, show it was a noun ("the claims are", "states said").
VERB_FOLLOWERS: Final[frozenset[str]] = frozenset({
    "is", "are", "was", "were", "have", "has", "had", "will", "would", "could", "may", "might",
    "say", "said", "says", "claim", "claimed", "suggest", "suggested", "show", "showed",
})  # fmt: skip

#: Words allowed between a subject and its verb without being part of the subject.
SUBJECT_VERB_FILLERS: Final[frozenset[str]] = frozenset({
    "also", "has", "have", "had", "again", "later", "earlier", "previously", "now", "then",
    "officially", "publicly", "repeatedly", "recently", "once", "first", "further", "today",
    "yesterday", "initially", "subsequently", "separately", "since", "already", "even",
    "last", "week", "month", "year", "night", "morning", "afternoon", "evening", "tonight",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on",
    "just", "still", "finally", "ultimately", "quickly", "immediately",
    "openly", "unanimously", "flatly", "strongly", "privately", "formally", "jointly",
    "did", "does", "do",  # emphatic: "The hospital did say however that ..."
})  # fmt: skip

#: Words allowed between a verb and its "that" ("confirmed this evening that", "acknowledged
#: last week that", "hinted before that", "theorized back in 2017 that").
TIME_FILLERS: Final[frozenset[str]] = SUBJECT_VERB_FILLERS | frozenset({
    "this", "evening", "before", "back", "in", "on", "at", "late", "early", "days", "weeks",
    "months", "years", "ago", "here", "there", "again", "too", "privately", "publicly",
    # "revealed in February that"
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
})  # fmt: skip

#: In a common-noun subject, the subject starts after the last of these ("after the owner
#: said" -> "the owner"; "The trust, which met, and its members said" keeps the members).
SUBJECT_STARTS_AFTER: Final[frozenset[str]] = frozenset({
    "after", "before", "when", "while", "because", "since", "as", "although", "though", "if",
    "unless", "until", "once", "where", "whereas", "but", "so", "then", "that", "who",
    "which", "is", "was", "were", "are", "has", "had", "have", "will", "would", "even", "said",
    "than", "whether", "why", "how", "what", "like", "also", "into", "onto", "by", "with",
    "about", "against", "over", "under", "through", "to", "for",
})  # fmt: skip

#: After an inverted verb ('"...," said one person during public comment'), a lower-case
#: source phrase ends at one of these or at a clause break.
RIGHT_PHRASE_ENDS: Final[frozenset[str]] = frozenset({
    "who", "which", "that", "whose", "and", "but", "when", "while", "after", "before", "as",
    "because", "adding", "saying", "noting", "on",
})  # fmt: skip

#: Words a source phrase after an inverted verb may start with ("said a dispatcher", "said
#: one person", "says a report", "said researchers").
RIGHT_PHRASE_STARTS: Final[frozenset[str]] = frozenset({
    "a", "an", "the", "one", "another", "someone", "somebody", "some", "two", "three",
    "several", "many", "other", "others", "local", "police", "officials", "residents",
    "researchers", "experts", "analysts", "witnesses", "sources", "authorities", "critics",
    "supporters", "neighbors", "neighbours", "relatives", "parents", "students", "workers",
    "scientists", "doctors", "officers", "investigators", "prosecutors", "lawyers", "his",
    "her", "their", "its", "el", "la", "los", "las", "un", "una",
})  # fmt: skip

#: A verb after one of these is hypothetical, negated or an infinitive ("I wouldn't say",
#: "did not claim", "needless to say"): it reports no claim.
NON_ASSERTING_BEFORE_VERB: Final[frozenset[str]] = frozenset({
    "to", "would", "could", "should", "might", "may", "can", "will", "must", "shall",
    "wouldn't", "couldn't", "shouldn't", "won't", "can't", "cannot", "don't", "doesn't",
    "didn't", "never", "not", "wouldn’t", "couldn’t", "shouldn’t",
    "won’t", "can’t", "don’t", "doesn’t", "didn’t",
})  # fmt: skip

#: After one of these the verb form is a participle in a passive ("it is said", "were reported
#: killed"): the sentence is hedged, but names no source.
PASSIVE_BEFORE_VERB: Final[frozenset[str]] = frozenset(
    {"is", "are", "was", "were", "be", "been", "being"}
)

#: Only these passives hedge ("were reported killed", "is said to", "is believed"); others are
#: plain narration ("her appointment was announced in December").
PASSIVE_HEDGE_VERBS: Final[frozenset[str]] = frozenset({
    "said", "reported", "claimed", "alleged", "believed", "thought", "rumored", "rumoured",
    "understood", "estimated", "feared", "suspected", "expected",
})  # fmt: skip

#: A one-sentence paragraph shorter than this that does not end like a sentence is a heading,
#: a caption or a link ("Governor says naming of ... is historic", "MORE: ..."), never a claim.
HEADING_MAX_CHARS: Final = 160

#: A noun, not a verb, follows these ("the claims", "its reports", "all told").
NOUN_ADJECTIVES: Final[frozenset[str]] = frozenset({
    "annual", "new", "latest", "recent", "final", "official", "monthly", "weekly", "quarterly",
    "previous", "initial", "preliminary", "full", "separate", "earlier", "later", "public",
})  # fmt: skip
"""Adjectives that make the next word a noun ("its own annual report counts ..."), unless that
word is a past form, which no noun is: then the adjective is a noun itself, the verb's subject
("A senior official said that", "members of the public told")."""

DETERMINERS: Final[frozenset[str]] = frozenset({
    "the", "a", "an", "these", "those", "this", "that", "his", "her", "its", "their", "our",
    "my", "your", "such", "many", "some", "any", "all", "no", "which", "what", "whose",
    "other", "both", "each", "every", "several", "few", "own",
}) | NOUN_ADJECTIVES  # fmt: skip

PAST_REPORTING_FORMS: Final[frozenset[str]] = frozenset({
    "said", "told", "wrote", "thought", "felt", "knew", "found", "saw", "made", "gave",
})  # fmt: skip
"""Past forms of reporting verbs that do not end in "-ed"."""

#: "according to" followed by one of these names no source ("season according to taste").
ACCORDING_TO_NON_SOURCES: Final[frozenset[str]] = frozenset({
    "taste", "preference", "plan", "plans", "schedule", "directions", "instructions", "recipe",
    "package", "size", "need", "needs", "season", "rule", "rules", "law", "tradition", "form",
    "type", "age", "height", "weight", "priority", "merit", "order", "design", "protocol",
    "the instructions", "the directions", "the recipe", "the plan", "the schedule",
})  # fmt: skip

#: Abbreviations that never end a sentence or a name ("Mr. Marcus", "Sen. Lee", "Feb. 9").
NAME_ABBREVIATIONS: Final[tuple[str, ...]] = (
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Capt", "Lt", "Sgt",
    "Cpl", "Adm", "Maj", "Rev", "Hon", "St", "Jr", "Sr", "Supt", "Insp", "Det", "Atty",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "Mt", "Ft", "Pres", "Gov't", "Corp", "Inc", "Ltd", "Co", "Bros", "vs",
)  # fmt: skip

#: A bullet that opens a line starts a paragraph of its own.
BULLETS: Final[tuple[str, ...]] = ("•", "*", "-", "·", "–", "—")

#: Titles before a name that a fact-checker leaves out ("Supervisor Alfredo Pedroza" -> the
#: name); matched case-sensitively at the start of a capitalised run, with or without a dot.
NAME_TITLES: Final[frozenset[str]] = frozenset({
    "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Professor", "Sen", "Senator", "Rep",
    "Representative", "Gov", "Governor", "Mayor", "President", "Vice", "Prime", "Minister",
    "Secretary", "Supervisor", "Councilmember", "Councilman", "Councilwoman", "Councillor",
    "Assemblymember", "Assemblyman", "Assemblywoman", "Judge", "Justice", "Chief", "Officer",
    "Sgt", "Sergeant", "Lt", "Lieutenant", "Col", "Colonel", "Gen", "General", "Capt",
    "Captain", "Major", "Maj", "Adm", "Admiral", "Commissioner", "Sheriff", "Deputy",
    "Detective", "Det", "Pastor", "Rev", "Reverend", "Father", "Coach", "Chairman",
    "Chairwoman", "Chair", "Director", "Superintendent", "Inspector", "Attorney", "Ambassador",
    "Speaker", "Premier", "Chancellor", "King", "Queen", "Prince", "Princess", "Sir", "Dame",
    "Lord", "Lady", "Sheikh", "Dean", "Principal", "Trustee", "Alderman", "Constable",
    "Corporal", "Private", "Senior", "Former", "Acting", "Interim", "State", "MP", "MEP", "CEO",
    "Tanaiste", "Tánaiste",
    "Taoiseach", "Transport", "Health", "Foreign", "Home", "Finance", "Education", "Defence",
    "Defense", "Environment", "Spokesperson", "Spokesman", "Spokeswoman",
    "Executive", "Founder", "Co-founder", "Owner", "Manager", "Head", "Leader", "Lawyer",
    "Researcher", "Economist", "Analyst", "Author", "Editor", "Reporter",
})  # fmt: skip

#: A capitalised run that ends in one of these is an organisation whose name goes on after
#: "of" ("Ministry of Defence"); a person's "of Napa County" is dropped instead.
ORGANISATION_HEADS: Final[frozenset[str]] = frozenset({
    "Ministry", "Department", "Dept", "University", "Bank", "Office", "Institute", "Council",
    "Board", "Association", "Society", "Church", "College", "School", "Museum", "Committee",
    "Commission", "Secretary", "Minister", "Chamber", "Court", "League", "Federation",
    "Union", "Bureau", "Agency", "Centre", "Center", "Academy", "Corps", "Republic", "State",
    "States", "Kingdom", "Party", "House", "Organization", "Organisation", "Authority",
    "Division", "Service", "Services", "Friends", "Coalition", "Alliance", "Mayor", "City",
    "County", "Town", "Village", "Port", "Police", "Fund", "Foundation", "Trust", "Network",
    "Administration", "Coast", "Guard", "Army", "Navy", "Force", "Forces", "Observatory",
    "Chief", "Director", "Governor", "President", "Head", "Leader", "Members", "Member",
})  # fmt: skip

# --- Claimants ---------------------------------------------------------------------------------

#: Pronouns that stand for a source named earlier: the claim is kept and its claimant carried
#: from the sentence before when that sentence named one.
THIRD_PERSON_PRONOUNS: Final[frozenset[str]] = frozenset(
    {"he", "she", "it", "they", "él", "ella", "ellos", "ellas"}
)

#: Pronouns that are never claimants and make no attribution: the writer speaking ("I said",
#: "we reported"), the reader, or a demonstrative ("That said, ...").
NON_CLAIMANT_PRONOUNS: Final[frozenset[str]] = frozenset({
    "i", "we", "you", "me", "us", "this", "that", "these", "those", "which", "who", "whom",
    "what", "there", "here", "one", "someone", "somebody", "everyone", "everybody", "nobody",
    "anyone", "anybody", "something", "everything", "nothing", "him", "them", "her", "whoever",
})  # fmt: skip

#: Sentence openers that are not part of a name ("Separately Amaq said" names "Amaq").
DISCOURSE_WORDS: Final[frozenset[str]] = frozenset({
    "however", "separately", "meanwhile", "also", "still", "but", "and", "yet", "later",
    "earlier", "today", "yesterday", "now", "then", "moreover", "furthermore", "instead",
    "similarly", "so", "thus", "indeed", "additionally", "finally", "first", "second", "even",
    "only",
    # Spanish openers that are not a name ("Sobre ella, reconoció que ...")
    "sobre", "en", "para", "por", "con", "entre", "desde", "y", "pero", "además", "también",
    # subordinators: "…, when it said …" has the pronoun "it" as its subject
    "when", "while", "after", "before", "because", "since", "as", "although", "though",
    "where", "whereas", "until", "once", "if", "unless",
})  # fmt: skip

#: Small words allowed inside a proper name ("Syrian Observatory for Human Rights",
#: "Abu Bakr al Baghdadi").
NAME_CONNECTORS: Final[frozenset[str]] = frozenset({
    "of", "for", "the", "al", "al-", "de", "bin", "&", "del", "la", "y", "van", "von", "da",
})  # fmt: skip

#: A name after one of these inside a subject is a place, not the source ("officials in Homs").
PLACE_PREPOSITIONS: Final[frozenset[str]] = frozenset({
    "in", "from", "at", "near", "inside", "outside", "across", "around", "on",
})  # fmt: skip

#: Generic endings of an organisation name. A name made of one distinctive word plus one of
#: these is shortened to that word ("Amaq News Agency" -> "Amaq", "Xinhua News Agency" ->
#: "Xinhua"); longer names are kept whole ("Syrian Arab News Agency").
ORGANISATION_SUFFIXES: Final[tuple[str, ...]] = (
    "News Agency", "Press Agency", "Media Agency", "Agency", "News", "Media", "Media Center",
    "Media Centre", "Media Office", "Foundation", "Network",
)  # fmt: skip

#: In a common-noun subject these words end the subject ("One video released today" -> "One
#: video"); participles ending in -ed are cut the same way.
SUBJECT_BREAKS: Final[frozenset[str]] = frozenset(
    {"who", "which", "that", "whose", "where", "when"}
)

#: A subject longer than this is more likely a misparse than a source.
MAX_SUBJECT_WORDS: Final = 8

#: How far before a verb its subject is looked for, how many verbs of one sentence are tried,
#: and how many speakers "he said" can reach back to: bounds that keep extraction linear in
#: the text whatever it holds ("the said" 4,000 times, one 50,000-name subject).
SUBJECT_WINDOW_CHARS: Final = 400
MAX_VERBS_PER_SENTENCE: Final = 12
MAX_RECENT_SPEAKERS: Final = 50

# --- Hedges and verification -------------------------------------------------------------------

#: Words by which a writer distances themself from a statement.
HEDGES: Final[tuple[str, ...]] = (
    "purportedly", "reportedly", "allegedly", "supposedly", "apparently", "claimed",
    "ostensibly", "rumoured", "rumored", "unverified", "it is unclear", "it was unclear",
    "it is not clear", "it was not clear", "it was not immediately clear",
    "it is not immediately clear", "it remains unclear", "remains unclear", "remain unclear",
    "it's not clear", "it’s not clear", "it isn't clear", "it isn’t clear", "it's unclear",
    "it’s unclear", "received reports", "claims were made", "it is understood",
    "it was understood", "it is believed", "it is thought",
    "is believed to", "are believed to", "is thought to", "are thought to",
)  # fmt: skip

#: Phrases by which a reporter says a figure or claim cannot be checked. They make every claim
#: in the same sentence, and the run of claims just before it, unverifiable.
UNVERIFIABLE_PHRASES: Final[tuple[str, ...]] = (
    "impossible to independently verify", "impossible to verify",
    "not possible to independently verify", "not possible to verify",
    "could not be independently verified", "could not be verified",
    "cannot be independently verified", "cannot be verified", "can't be independently verified",
    "can't be verified", "can not be verified", "could not independently verify",
    "cannot independently verify", "can't independently verify", "unable to independently verify",
    "unable to verify", "not been independently verified", "not be independently verified",
    "not independently verified", "no way to verify", "no way of verifying",
    "unconfirmed", "not independently confirmed", "could not be independently confirmed",
    "could not be confirmed", "cannot be confirmed", "unable to confirm",
    "unable to independently confirm", "could not confirm", "could not independently confirm",
    "cannot independently confirm", "has not been verified", "have not been verified",
    "has not been confirmed", "have not been confirmed", "not been independently confirmed",
    "could not immediately be verified", "could not immediately be confirmed",
    "could not immediately verify", "could not immediately confirm",
    "could not be immediately verified", "could not be immediately confirmed",
    "cannot be immediately verified", "cannot be immediately confirmed",
)  # fmt: skip

#: A verification sentence with at least this many words outside its verification clause says
#: something of its own ("The leak may have been caused by construction, but BPD was unable to
#: confirm"): it is a claim, hedged by the reporter. Shorter ones ("Of course, it is impossible
#: to verify these figures") only point at the claims before them.
VERIFY_OWN_CONTENT_WORDS: Final = 5

#: How far back a verification phrase reaches: the run of claims with figures just before it in
#: its paragraph, at most this many; when it opens its paragraph ("Of course, it is impossible
#: to verify these figures."), the run that ends the paragraph before.
VERIFY_MAX_CLAIMS_BACK: Final = 3

# --- Quantities --------------------------------------------------------------------------------

#: Vague amounts: a figure with no count ("dozens of anti-armor rockets").
QUANTITY_WORDS: Final[tuple[str, ...]] = (
    "tens of thousands", "hundreds of thousands", "several", "dozens", "scores", "hundreds",
    "thousands", "millions", "numerous", "countless", "a handful", "a few", "multiple",
)  # fmt: skip

#: Number words and their values; "a" only counts before a scale ("a dozen", "a hundred").
SMALL_NUMBERS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: Final[dict[str, int]] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "trillion": 1_000_000_000_000,
}  # fmt: skip

#: Short scales written after a sum of money ("$5bn", "€11m", "$40k"), case-insensitive.
MONEY_SCALES: Final[dict[str, int]] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "b": 1_000_000_000,
    "bn": 1_000_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip

#: Currency signs and codes before an amount, and the ISO code each stands for. "$" is taken
#: for US dollars, as English-language news uses it unless it says otherwise ("C$", "A$").
CURRENCY_SIGNS: Final[dict[str, str]] = {
    "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
    "HK$": "HKD", "S$": "SGD", "R$": "BRL", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₩": "KRW", "₦": "NGN", "₽": "RUB", "₺": "TRY", "₪": "ILS", "Rs.": "INR",
    "Rs": "INR", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY",
    "CAD": "CAD", "AUD": "AUD", "CHF": "CHF", "INR": "INR", "GY$": "GYD", "G$": "GYD",
    "BDS$": "BBD", "Bds$": "BBD", "J$": "JMD", "TT$": "TTD", "EC$": "XCD", "CI$": "KYD",
}  # fmt: skip

#: Currency words and codes after an amount ("5 million dollars", "300 euros", "40 USD").
CURRENCY_WORDS: Final[dict[str, str]] = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "pesos": "MXN", "francs": "CHF", "won": "KRW", "naira": "NGN", "rubles": "RUB",
    "roubles": "RUB", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY",
    "CHF": "CHF", "INR": "INR", "CAD": "CAD", "AUD": "AUD",
}  # fmt: skip

#: Words after a number that make it a percentage.
PERCENT_WORDS: Final[tuple[str, ...]] = (
    "%",
    "percent",
    "per cent",
    "percentage points",
    "pct",
    "por ciento",
)

#: Units of measure and of time after a number: the figure keeps them as its unit
#: ("1,200 tonnes of grain" -> 1200 tonnes, item grain; "four months" -> 4 months).
MEASURE_UNITS: Final[tuple[str, ...]] = (
    "metric tons", "metric tonnes", "tonnes", "tons", "tonne", "ton", "kilograms", "kilogram",
    "kg", "grams", "pounds", "lbs", "lb", "ounces", "kilometres", "kilometers", "kilometre",
    "kilometer", "km", "miles", "mile", "metres", "meters", "metre", "meter", "feet", "foot",
    "ft", "inches", "inch", "yards", "acres", "acre", "hectares", "hectare", "square miles",
    "square feet", "square kilometres", "square kilometers", "sq ft", "litres", "liters",
    "gallons", "barrels", "megawatts", "gigawatts", "MW", "GW", "kWh", "degrees", "mph",
    "km/h", "seconds", "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week",
    "months", "month", "years", "year", "decades", "decade", "centuries", "nights", "night",
    "votes", "storeys", "stories", "floors", "points", "goals", "runs",
)  # fmt: skip

#: Units written glued to their number, case-sensitive ("20TB", "6Tb", "5GW", "3kWh").
GLUED_UNITS: Final[tuple[str, ...]] = (
    "TB", "GB", "MB", "KB", "Tb", "Gb", "Mb", "kW", "MW", "GW", "kWh", "MWh", "GWh", "kg",
    "km", "mph", "ft", "lbs", "lb", "bp", "ha",
    # binary sizes and rates of tech reporting ("from 5GiB to 50MiB", "a 10Gbps link")
    "PB", "TiB", "GiB", "MiB", "KiB", "Gbps", "Mbps",
)  # fmt: skip

#: Fractions as words, with their parts: "two-thirds" -> 2 of 3, "half" -> 1 of 2.
FRACTIONS: Final[dict[str, int]] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "tenth": 10, "tenths": 10,
}  # fmt: skip

#: Words after a number that make it a date, an age or a clock time, never a count.
AFTER_NUMBER_NOT_COUNT: Final[frozenset[str]] = frozenset({
    "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "gmt", "utc", "bst", "est", "edt",
    "pst", "pdt", "cet",
})  # fmt: skip

#: Words before a number that qualify it; they stay in the quantity's text ("at least 50").
QUANTITY_QUALIFIERS: Final[tuple[str, ...]] = (
    "at least", "more than", "fewer than", "less than", "up to", "as many as", "nearly",
    "almost", "about", "around", "roughly", "approximately", "some", "over", "under",
    "an estimated", "estimated", "only", "just", "exactly", "as much as", "as few as",
    "as little as", "upwards of", "in excess of", "close to", "nearly", "well over",
    "some", "a total of", "a record",
)  # fmt: skip

#: Units that turn a number into a measure or calibre ("130mm", "5 km"): such a number is part
#: of an item, not a count.
UNITS: Final[tuple[str, ...]] = (
    "mm", "cm", "km", "m", "kg", "lb", "lbs", "kt", "in", "inch", "caliber", "calibre", "%",
    "percent", "per cent",
)  # fmt: skip

#: Words that end an item ("352 men from the Syrian Army" -> "men").
ITEM_STOP_WORDS: Final[frozenset[str]] = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "from", "in", "on", "at", "by", "for",
    "with", "without", "to", "into", "during", "after", "before", "since", "than", "as", "that",
    "which", "who", "were", "was", "are", "is", "be", "been", "had", "have", "has", "will",
    "would", "could", "can", "may", "might", "this", "these", "those", "they", "it", "he",
    "she", "we", "its", "their", "near", "across", "while", "when", "where", "per", "each",
    "all", "including", "between", "among", "against", "over", "under", "about", "not",
    # what follows a figure without naming a thing counted: "one of them", "two months ago",
    # "fell 2 percent compared with", "10.9 percent higher", "98 percent of scientists say"
    "them", "you", "me", "him", "her", "our", "your", "my", "ago", "compared", "higher",
    "lower", "earlier", "later", "say", "says", "said", "told", "being", "alongside",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})  # fmt: skip

#: Common past-tense verbs that do not end in -ed; after an item's first word they end the item
#: ("300 soldiers fled").
IRREGULAR_VERBS: Final[frozenset[str]] = frozenset({
    "fled", "fell", "sank", "died", "left", "fought", "took", "went", "came", "ran", "lost",
    "won", "got", "made", "saw", "hit", "shot", "struck", "held", "began", "became", "remain",
    "remained", "were", "stood", "sent", "built", "broke", "flew", "drove", "gave", "met",
    "surrendered", "withdrew", "caught", "kept", "led", "bought", "brought", "found", "put",
})  # fmt: skip

#: Items that show the number was a date, not a count ("13 December").
DATE_WORDS: Final[frozenset[str]] = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "am", "pm", "a.m.", "p.m.",
})  # fmt: skip

#: An item is at most this many words; longer runs are cut.
MAX_ITEM_WORDS: Final = 5
