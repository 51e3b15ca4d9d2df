"""The words of attribution: reporting verbs with their inflections, cue
phrases, pronouns and the head nouns of descriptive sources.

Written from how news attributes (PARC 3.0's source / cue / content): the
cue is a verb of saying ("said", "told", "was quoted as saying"), a phrase
("according to", "in a statement") or, for reported speech, a verb of
thinking or finding ("believes", "found"). English verbs are listed by
their base form and inflected here; Spanish forms are listed as written.
"""

from __future__ import annotations

#: Irregular verbs: base -> (past, third person, -ing, past participle).
_IRREGULAR = {
    "say": ("said", "says", "saying", "said"),
    "tell": ("told", "tells", "telling", "told"),
    "write": ("wrote", "writes", "writing", "written"),
    "speak": ("spoke", "speaks", "speaking", "spoken"),
    "think": ("thought", "thinks", "thinking", "thought"),
    "find": ("found", "finds", "finding", "found"),
    "show": ("showed", "shows", "showing", "shown"),
    "know": ("knew", "knows", "knowing", "known"),
    "feel": ("felt", "feels", "feeling", "felt"),
    "hold": ("held", "holds", "holding", "held"),
    "read": ("read", "reads", "reading", "read"),
    "sing": ("sang", "sings", "singing", "sung"),
    "go on": ("went on", "goes on", "going on", "gone on"),
}
_DOUBLED = {"admit", "commit", "regret", "submit", "omit", "refer", "concur", "quip"}


def inflections(base: str) -> tuple[str, ...]:
    """Every form of an English verb ``base`` (a phrasal verb inflects its first word)."""
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    verb, _, rest = base.partition(" ")
    tail = f" {rest}" if rest else ""
    if verb.endswith("e"):
        forms = (verb + "d", verb + "s", verb[:-1] + "ing")
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        forms = (verb[:-1] + "ied", verb[:-1] + "ies", verb + "ing")
    elif verb in _DOUBLED:
        forms = (verb + verb[-1] + "ed", verb + "s", verb + verb[-1] + "ing")
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms = (verb + "ed", verb + "es", verb + "ing")
    else:
        forms = (verb + "ed", verb + "s", verb + "ing")
    return (base, *(form + tail for form in forms))


#: Verbs of saying: a quote next to one of them is attributed by it.
SAYING_VERBS = [
    "say", "tell", "add", "insist", "write", "state", "warn", "argue", "explain", "note", "ask", "claim", "declare",
    "announce", "reply", "respond", "continue", "describe", "comment", "acknowledge", "admit", "confirm", "stress",
    "urge", "tweet", "recall", "conclude", "predict", "promise", "vow", "suggest", "remark", "observe", "assert",
    "allege", "complain", "contend", "maintain", "report", "caution", "concede", "counter", "testify", "charge",
    "accuse", "emphasize", "emphasise", "criticize", "criticise", "demand", "reveal", "deny", "boast", "joke", "quip",
    "recount", "lament", "reiterate", "pledge", "assure", "threaten", "speak", "shout", "scream", "plead", "muse",
    "wonder", "query", "question", "protest", "retort", "exclaim", "whisper", "yell", "murmur", "mutter", "sigh",
    "laugh", "add", "mention", "agree", "disagree", "estimate", "predict", "dismiss", "blast", "slam", "mock", "praise",
    "hail", "thank", "recommend", "propose", "advise", "instruct", "order", "announce", "tout", "brag", "complain",
    "grumble", "cite", "read", "sing", "call", "exhort", "label", "dub", "brand", "term", "scoff", "snap", "sniff",
    "gush", "chide", "opine", "crow", "rail", "fume", "bemoan", "beg", "marvel", "post",
]
#: Phrasal verbs of saying (the first word inflects).
SAYING_PHRASAL = ["point out", "go on", "spell out", "lay out", "weigh in", "chime in", "sound off", "speak out"]
#: Phrasal cues of saying, written out (they do not inflect, or are idioms).
SAYING_PHRASES = (
    "was quoted as saying", "is quoted as saying", "were quoted as saying", "quoted as saying",
    "went on to say", "goes on to say", "told reporters", "said in a statement", "said in an interview",
    "put it", "in a statement", "in an interview", "in a tweet", "in a speech", "in remarks",
)
#: Cues after which the source follows: "according to X", "según X".
SOURCE_FIRST_CUES = frozenset(("according to", "según", "segun"))
#: Verbs that report what a source thinks, found or wants: reported speech
#: and belief are attributions too ("the study found that…").
REPORTING_VERBS = [
    "believe", "think", "feel", "know", "find", "show", "indicate", "conclude", "estimate", "expect", "hope", "fear",
    "worry", "want", "plan", "intend", "predict", "project", "forecast", "calculate", "assume", "suspect", "doubt",
    "reckon", "recognize", "recognise", "understand", "learn", "discover", "determine", "hold", "maintain", "insist",
    "contend", "allege", "report", "disclose", "acknowledge", "concede", "agree",
]

#: Verbs of intention, attributed with a "to" clause: "Clinton wants to…", "vowed to…".
VOLITION_VERBS = [
    "want", "plan", "hope", "intend", "vow", "promise", "pledge", "threaten", "refuse", "decline", "agree", "offer",
    "seek", "aim", "try", "expect",
]
#: Verbs of stance and advocacy, attributed with what follows: "called for the repeal of…".
STANCE_VERBS = [
    "propose", "oppose", "support", "defend", "criticize", "criticise", "attack", "accuse", "blame", "praise",
    "question", "reject", "endorse", "advocate", "dismiss", "welcome", "condemn", "applaud",
]
STANCE_PHRASES = ["call for", "call on", "push for", "argue for", "raise questions about", "speak of", "talk about"]

SPANISH_CUES = [
    "dijo", "dice", "decía", "afirmó", "afirma", "declaró", "declara", "señaló", "señala", "aseguró", "asegura",
    "explicó", "explica", "añadió", "agregó", "indicó", "manifestó", "subrayó", "destacó", "advirtió", "insistió",
    "recalcó", "sostuvo", "comentó", "precisó", "expresó", "reconoció", "opinó", "apostilló", "reveló", "anunció",
    "admitió", "confirmó", "concluyó", "puntualizó", "respondió", "preguntó", "escribió", "denunció", "sentenció",
    "expuso", "consideró", "considera", "agrega", "añade", "advierte", "subraya", "enfatizó", "recordó", "calificó",
    "aseveró", "remarcó", "apuntó", "matizó", "lamentó", "criticó", "pidió", "exigió", "resaltó", "acotó", "aclaró",
    "contestó", "replicó", "argumentó", "estimó", "cuestionó", "dijeron", "afirmaron", "señalaron", "indicaron",
    "explicaron", "aseguraron", "declararon",
]

#: Verbs whose base and -s forms are mostly nouns in news ("the report",
#: "United States", "charges"): only their -ed and -ing forms are cues.
_NOUN_LIKE = frozenset(
    [
        "state", "report", "order", "question", "charge", "counter", "note", "comment", "estimate", "demand", "promise",
        "praise", "cite", "laugh", "mock", "blast", "slam", "tweet", "query", "protest", "sigh", "joke", "quip",
        "shout", "plead", "advise", "remark", "address", "hope", "fear", "worry", "plan", "project", "forecast",
        "doubt", "hold", "find", "show", "read", "call", "label", "brand", "term",
    ]
)


def _cue_forms(verbs: list[str]) -> list[str]:
    forms = []
    for verb in verbs:
        every = inflections(verb)
        forms += [f for f in every if f not in (every[0], every[2])] if verb in _NOUN_LIKE else list(every)
    return forms


#: Every cue of saying, every form, lower case (phrases with single spaces).
SPEECH_CUES = frozenset(
    _cue_forms(SAYING_VERBS + SAYING_PHRASAL)
    + list(SAYING_PHRASES) + list(SOURCE_FIRST_CUES) + SPANISH_CUES
)
VOLITION_CUES = frozenset(_cue_forms(VOLITION_VERBS))
#: What a study, a poll or figures show: attributed with what follows ("a poll shows Sanders leading").
FINDING_CUES = frozenset(inflections("show") + inflections("find")[1:2] + ("found", "finds", "indicates", "indicated",
                                                                            "reveals", "revealed"))
#: Verbs of thinking whose clause may leave out "that": "They think the progress is real".
THINKING_CUES = frozenset(
    _cue_forms(
        ["think", "believe", "feel", "know", "expect", "fear", "worry", "suspect", "doubt", "reckon", "assume", "see"]
    )
    + [
        "think", "thinks", "believe", "believes", "feel", "feels", "know", "knows", "fear", "fears", "worry", "worries",
        "see", "sees", "doubt", "doubts",
    ]
)
STANCE_CUES = frozenset(_cue_forms(STANCE_VERBS + STANCE_PHRASES))
#: Every cue of reported speech or thought, every form, lower case.
REPORTING_CUES = SPEECH_CUES | frozenset(_cue_forms(REPORTING_VERBS)) | VOLITION_CUES | STANCE_CUES | FINDING_CUES \
    | THINKING_CUES

#: Pronouns that can be a source, and what they may stand for.
PERSON_PRONOUNS = frozenset(["he", "she", "him", "her", "él", "ella"])
EITHER_PRONOUNS = frozenset(["they", "them", "ellos", "ellas"])
#: The writer speaking: "I said", "we wrote" (the pronoun is the source itself).
FIRST_PERSON = frozenset(["i", "we"])
PRONOUNS = frozenset(p for word in PERSON_PRONOUNS | EITHER_PRONOUNS for p in (word, word.capitalize())) \
    | {"I", "We", "we"}

#: Head nouns of descriptions that stand for a person: "a senior official".
PERSON_HEADS = frozenset(
    [
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokesmen", "aide", "aides", "adviser",
        "advisers", "advisor", "advisors", "source", "sources", "analyst", "analysts", "expert", "experts", "observer",
        "observers", "lawmaker", "lawmakers", "legislator", "legislators", "senator", "senators", "congressman",
        "congresswoman", "representative", "representatives", "diplomat", "diplomats", "officer", "officers",
        "commander", "commanders", "general", "minister", "ministers", "president", "leader", "leaders", "chief",
        "director", "manager", "executive", "executives", "secretary", "ambassador", "envoy", "negotiator",
        "negotiators", "critic", "critics", "supporter", "supporters", "opponent", "opponents", "resident", "residents",
        "witness", "witnesses", "activist", "activists", "worker", "workers", "doctor", "doctors", "economist",
        "economists", "researcher", "researchers", "scientist", "scientists", "strategist", "strategists", "pollster",
        "pollsters", "candidate", "candidates", "voter", "voters", "member", "members", "insider", "insiders",
        "investigator", "investigators", "prosecutor", "prosecutors", "lawyer", "lawyers", "attorney", "attorneys",
        "judge", "judges", "mayor", "governor", "person", "people", "man", "woman", "men", "women", "father", "mother",
        "son", "daughter", "wife", "husband", "friend", "friends", "colleague", "colleagues", "author", "reporter",
        "correspondent", "journalist", "host", "nominee", "democrat", "democrats", "republican", "republicans",
        "conservative", "conservatives", "liberal", "liberals", "staffer", "staffers", "operative", "operatives",
        "donor", "donors", "student", "students", "teacher", "teachers", "parent", "parents", "victim", "victims",
        "survivor", "survivors", "fighter", "fighters", "soldier", "soldiers", "citizen", "citizens", "americans",
        "announcer", "narrator", "questioner", "speaker", "caller", "viewer", "viewers", "reader", "readers",
        "commentator", "commentators", "anchor", "moderator", "panelist", "panelists", "protester", "protesters",
        "demonstrators", "organizer", "organizers", "owner", "owners", "employee", "employees", "staff", "nurse",
        "nurses", "police", "sheriff", "chairman", "chairwoman", "founder", "professor", "historian", "scholar",
        "scholars", "economist",
    ]
)
#: Head nouns of descriptions that stand for an organisation: "the Britain-based war monitor".
ORG_HEADS = frozenset(
    [
        "monitor", "group", "agency", "ministry", "department", "government", "administration", "office", "campaign",
        "committee", "council", "commission", "company", "firm", "organisation", "organization", "party", "coalition",
        "army", "military", "police", "authorities", "authority", "court", "board", "bank", "institute", "foundation",
        "center", "centre", "network", "newspaper", "paper", "magazine", "channel", "station", "union", "association",
        "federation", "alliance", "movement", "regime", "study", "report", "survey", "poll", "analysis", "review",
        "statement", "website", "team", "outlet", "watchdog", "think-tank", "tank", "letter", "ruling", "book",
        "article", "piece", "clip", "ad", "memo", "complaint", "filing", "lawsuit", "document", "email", "post",
        "message", "video", "footage", "release", "indictment", "order", "opinion", "decision", "data", "figures",
        "record", "records", "research", "paper", "editorial", "column", "release", "brief",
    ]
)
DESCRIPTION_HEADS = PERSON_HEADS | ORG_HEADS
#: Words that open a description ("a senior official", "the coalition's deputy commander").
DETERMINERS = frozenset(
    [
        "a", "an", "the", "one", "two", "three", "some", "many", "several", "most", "other", "another", "these",
        "those", "this", "that", "his", "her", "their", "its", "our", "your", "my", "both", "all", "few", "numerous",
        "multiple",
    ]
)
