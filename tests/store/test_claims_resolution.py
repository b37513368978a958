"""Who a claim belongs to when the writer does not name them in the sentence, and the figures
real reporting writes in words (issue 12, second round).

Each test is one class of error counted on the dev set (benchmarks/bench_claims_real.py
--misses): pronouns that pointed at the wrong person, roles ("the billionaire") left as the
claimant, documents as sources, fragments ("Speaking", "My") as claimants, quotations cut from
their sentence. The sentences are written for the rule, shaped like the real pages.
"""

from __future__ import annotations

import pytest

from store.claims import ClaimExtractor, QuantityParser


@pytest.fixture(scope="module")
def extractor() -> ClaimExtractor:
    return ClaimExtractor()


def _claimant(extractor: ClaimExtractor, text: str, starts: str) -> str | None:
    found = [c for c in extractor.extract(text) if c.text.startswith(starts)]
    assert len(found) == 1, [(c.text, c.claimant) for c in extractor.extract(text)]
    return found[0].claimant


class TestQuotationsStayWhole:
    def test_a_paragraph_opening_with_a_quote_keeps_its_quote_mark(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            '"He stopped taking my calls," Harry said.\n"There is a lot to work through.\n'
            '"But at the same time, of course, I will always love him," Harry said.'
        )
        texts = [c.text for c in extractor.extract(text)]
        assert '"But at the same time, of course, I will always love him," Harry said.' in texts

    def test_a_closing_quote_and_its_speaker_stay_with_the_question(
        self, extractor: ClaimExtractor
    ) -> None:
        text = 'He smiled. "To have a boy and then a girl, what more could you ask for?" he said.'
        texts = [c.text for c in extractor.extract(text)]
        assert texts == ['"To have a boy and then a girl, what more could you ask for?" he said.']

    def test_a_footnote_marker_ends_its_sentence(self, extractor: ClaimExtractor) -> None:
        text = (
            "Klobuchar leads with 17, according to Iowa Starting Line.2 Warren has the most "
            "endorsements in New Hampshire, per a list compiled by political scientist Boris "
            "Shor."
        )
        claims = extractor.extract(text)
        assert [c.claimant for c in claims] == ["Iowa Starting Line", "Boris Shor"]


class TestPronouns:
    def test_he_is_the_person_the_last_sentence_opened_with(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            '"Students need company," said Levi Pay, a student.\n'
            "Fraser Amos, a final-year student at Warwick University, is helping to rally "
            "support for a rent strike.\n"
            '"Universities are putting rents above student lives," he says.'
        )
        assert _claimant(extractor, text, '"Universities') == "Fraser Amos"

    def test_a_subordinate_clause_names_who_she_is(self, extractor: ClaimExtractor) -> None:
        text = (
            '"Two is it," Meghan said.\n"They were trapped," Prince Harry said.\n'
            'When Meghan joined the family, she said "that was the last time I saw my passport."'
        )
        assert _claimant(extractor, text, "When Meghan") == "Meghan"

    def test_he_is_not_someone_named_after_him_in_the_sentence(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            "The owner, Usman Hasib, said the man left.\n"
            "The man in red shorts led employees to believe his girlfriend was on the way.\n"
            "The policy was explained to him, which, he said, scared the man off."
        )
        assert _claimant(extractor, text, "The policy") == "Usman Hasib"

    def test_a_sentence_opening_with_though_names_no_one_called_though(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            "Though Democrat Phil Murphy was elected governor, Chris Christie can name a "
            'replacement.\n"We will act," he said.'
        )
        claimant = _claimant(extractor, text, '"We will act')
        assert claimant is None or not claimant.startswith("Though")

    def test_a_sentence_opening_with_after_names_no_one_called_after(
        self, extractor: ClaimExtractor
    ) -> None:
        # Seen on a real page: "After Democrats" as the claimant of "he announced".
        text = (
            "After Democrats swept state-level elections on Tuesday night, Fox News appeared "
            "to seek bliss in ignorance.\nThe network's star host sounded maudlin as he "
            "announced that the network was calling the race."
        )
        claimant = _claimant(extractor, text, "The network")
        assert claimant is None or not claimant.startswith("After")

    def test_they_is_never_one_person_named_by_a_role_but_may_be_a_group(
        self, extractor: ClaimExtractor
    ) -> None:
        # Seen on a real page: "They claim …" given to "The judge".
        judge = (
            "The judge has said he will excuse a juror who has a conflict.\n"
            "They claim the prosecution did not present evidence of an agreement."
        )
        assert _claimant(extractor, judge, "They claim") is None
        loggers = (
            "The loggers claimed that he was still alive.\n"
            "Officer Smith said the case was open.\n"
            "They claimed too that they heard a second shot."
        )
        assert _claimant(extractor, loggers, "They claimed too") == "The loggers"

    def test_he_in_a_clause_after_as_is_the_person_the_sentence_named_before_it(
        self, extractor: ClaimExtractor
    ) -> None:
        # Seen on a real page: "he announced" given to "After Democrats", then to no one.
        text = (
            "After Democrats swept state-level elections on Tuesday night, Fox News appeared "
            "to seek bliss in ignorance.\nThe network’s star host Tucker Carlson sounded "
            "maudlin as he announced that the network was calling the race."
        )
        assert _claimant(extractor, text, "The network") == "Tucker Carlson"

    def test_speaking_is_not_a_claimant_the_pronoun_is(self, extractor: ClaimExtractor) -> None:
        text = (
            "Health Minister Stephen Donnelly came in for criticism after saying the virus "
            "would be responsible.\n"
            'Speaking on Morning Ireland he bypassed the question, saying "it is about the '
            'best decision."'
        )
        assert _claimant(extractor, text, "Speaking") == "Stephen Donnelly"


class TestRoles:
    def test_a_role_stands_for_the_name_it_was_written_with(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            "This is not the welcome billionaire Michael R. Bloomberg expected.\n"
            "A clarification came after the release of a 2008 video in which the billionaire "
            "suggested the crisis had been precipitated by government pressure on banks."
        )
        assert _claimant(extractor, text, "A clarification") == "Michael R. Bloomberg"

    def test_a_role_in_the_subjects_own_apposition_is_that_name(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            "Under questioning Josenrique Cueto, the transportation department's deputy "
            "director, acknowledged last week that the department had never talked to them."
        )
        assert _claimant(extractor, text, "Under questioning") == "Josenrique Cueto"

    def test_a_title_alone_finds_its_holder(self, extractor: ClaimExtractor) -> None:
        text = (
            "The move comes as International Trade Secretary Liz Truss faces pressure.\n"
            "Ex-environment secretary Theresa Villiers says the world will buy British.\n"
            "The International Trade Secretary insists that the Government will not compromise."
        )
        assert _claimant(extractor, text, "The International") == "Liz Truss"

    def test_a_role_with_no_speaker_to_stand_for_stays_the_role(
        self, extractor: ClaimExtractor
    ) -> None:
        # The governor-elect is only mentioned: "the judge" is not him (seen on a real page).
        text = (
            "Democrat Phil Murphy was elected New Jersey governor Tuesday night.\n"
            "The judge has said at that time he will excuse a juror who has a conflict."
        )
        assert _claimant(extractor, text, "The judge") == "The judge"
        spoken = (
            "Phil Murphy said he would name no one before January.\n"
            "The governor added that the seat would not stay empty for long."
        )
        assert _claimant(extractor, spoken, "The governor") == "Phil Murphy"

    @pytest.mark.parametrize(
        ("text", "claimant"),
        [
            # Seen on a real page: "the scope" as the claimant.
            (
                "Nielsen, a former staffer at the DHS, said the scope and pace of attacks has "
                "grown.",
                "Nielsen",
            ),
            ("Officials in Homs, the city hit hardest, said the death toll rose.", "Officials"),
            ("The train hit a truck, said the dispatcher, and nobody was hurt.", "the dispatcher"),
        ],
    )
    def test_a_subject_set_off_by_an_apposition_speaks_not_what_follows_the_verb(
        self, extractor: ClaimExtractor, text: str, claimant: str
    ) -> None:
        assert _claimant(extractor, text, text[:10]) == claimant

    @pytest.mark.parametrize(
        ("text", "claimant"),
        [
            # Seen on a real page: "D-Del" as the claimant.
            ("Sen. Tom Carper, D-Del., said his state is sinking as oceans rise.", "Tom Carper"),
            ("Rep. Kevin Brady, R-Texas, said the bill would pass.", "Kevin Brady"),
            ("Rep. Dave Brat (R-VA) said Wednesday that Republicans had failed.", "Dave Brat"),
        ],
    )
    def test_a_lawmakers_party_and_state_are_not_his_name(
        self, extractor: ClaimExtractor, text: str, claimant: str
    ) -> None:
        assert _claimant(extractor, text, text[:8]) == claimant

    @pytest.mark.parametrize(
        ("text", "claimant"),
        [
            # Seen on real pages: "FiveThirtyEight’s" and "Los Angeles County" as claimants.
            (
                "Biden has far more endorsement points, per FiveThirtyEight’s endorsement tracker.",
                "FiveThirtyEight’s endorsement tracker",
            ),
            (
                "According to Los Angeles County coroner’s department, Butler lost control.",
                "Los Angeles County coroner’s department",
            ),
            ("According to Reuters, the deal is off.", "Reuters"),
        ],
    )
    def test_a_source_owned_by_a_name_is_the_owners_thing_whole(
        self, extractor: ClaimExtractor, text: str, claimant: str
    ) -> None:
        assert _claimant(extractor, text, text[:8]) == claimant

    def test_people_of_a_name_are_the_people_not_the_name(self, extractor: ClaimExtractor) -> None:
        # Seen on a real page: "Lorde" as the claimant of her fans' lawsuit.
        text = "Three fans of the popstar Lorde said the concert was cancelled."
        assert _claimant(extractor, text, "Three fans") == "Three fans of the popstar Lorde"

    @pytest.mark.parametrize(
        ("text", "claimant"),
        [
            # Seen on a real page: "Two" as the claimant.
            (
                "Two unnamed sources told the paper that the deal could go ahead.",
                "Two unnamed sources",
            ),
            ("The figures released on Monday show that exports rose.", "The figures"),
        ],
    )
    def test_a_participle_before_the_noun_is_its_adjective_after_it_ends_the_subject(
        self, extractor: ClaimExtractor, text: str, claimant: str
    ) -> None:
        assert _claimant(extractor, text, text[:8]) == claimant

    def test_the_new_in_a_place_is_no_given_name(self, extractor: ClaimExtractor) -> None:
        # Seen on a real page: "The Times then reported" given to "York Times".
        text = (
            "He was ousted after the New York Times revealed in April that he paid.\n"
            "The Times then reported in October that he had paid a settlement."
        )
        assert _claimant(extractor, text, "The Times") != "York Times"

    def test_a_phrase_opening_the_sentence_is_no_name(self, extractor: ClaimExtractor) -> None:
        text = (
            "In the speech, first disclosed by the Aspen Times, the former mayor argued that "
            "95% of murders were committed by young men."
        )
        assert _claimant(extractor, text, "In the speech") != "Aspen Times"


class TestSourcesAndFragments:
    def test_a_study_or_a_test_is_the_source_of_what_it_finds(
        self, extractor: ClaimExtractor
    ) -> None:
        text = (
            "A study from 2012 counted 17 different types of vegetation growing on Redonda.\n"
            "She died after slipping in the shower, until post mortem tests showed high levels "
            "of carbon monoxide in her body."
        )
        claims = {c.claimant for c in extractor.extract(text)}
        assert claims == {"A study from 2012", "post mortem tests"}

    @pytest.mark.parametrize(
        ("text", "claimant"),
        [
            (
                "But those who have spoken out say it has taken a toll on their careers.",
                "those who have spoken out",
            ),
            (
                "Residents who live near the plant say the smell is worse.",
                "Residents who live near the plant",
            ),
            ("Some who attended said the meeting was tense.", "Some who attended"),
        ],
    )
    def test_people_named_by_a_clause_are_the_whole_subject_not_its_end(
        self, extractor: ClaimExtractor, text: str, claimant: str
    ) -> None:
        # Seen on a real page: "spoken out" as the claimant.
        assert _claimant(extractor, text, text[:12]) == claimant

    @pytest.mark.parametrize(
        "text",
        [
            # Seen on real pages: "of the negotiations" and "we’re" as claimants.
            "“It’s all about CNN,” one unnamed source with “direct knowledge” of the "
            "negotiations told the Financial Times.",
            "We have been taught to underestimate our value, and we’re told it is normal.",
        ],
    )
    def test_a_phrase_end_or_the_writer_is_never_a_claimant(
        self, extractor: ClaimExtractor, text: str
    ) -> None:
        claimants = [c.claimant for c in extractor.extract(text)]
        assert not [c for c in claimants if c and (c.startswith("of ") or "’re" in c)]

    def test_people_who_find_an_object_make_no_claim(self, extractor: ClaimExtractor) -> None:
        text = "In this new effort, the researchers found a tool with no handle on the beach."
        assert extractor.extract(text) == []

    def test_a_part_of_a_source_names_the_source(self, extractor: ClaimExtractor) -> None:
        text = "But details of the legislation have now revealed that the fine can be £4,000."
        assert _claimant(extractor, text, "But details") == "the legislation"

    def test_a_verb_like_noun_after_a_participle_is_no_verb(
        self, extractor: ClaimExtractor
    ) -> None:
        text = "The foundation has received reports that access to Wikipedia is being restored."
        (claim,) = extractor.extract(text)
        assert claim.claimant is None and "received reports" in claim.hedges

    def test_according_to_wins_over_a_noun_inside_it(self, extractor: ClaimExtractor) -> None:
        text = (
            "According to reports cited by MySA, more than 104,000 users submitted outage "
            "reports during the disruption."
        )
        assert _claimant(extractor, text, "According") == "MySA"

    def test_a_bare_plural_after_according_to_names_no_one(self, extractor: ClaimExtractor) -> None:
        text = "It costs more than $4 billion a year in the United States, according to estimates."
        assert _claimant(extractor, text, "It costs") is None

    def test_an_inverted_source_with_a_long_title(self, extractor: ClaimExtractor) -> None:
        text = (
            '"Amazon has avoided being liable for years," noted Maryland-based product '
            "liability lawyer Jim Dunham in an interview with the Globe."
        )
        assert _claimant(extractor, text, '"Amazon') == "Jim Dunham"

    def test_the_clause_subject_of_saying(self, extractor: ClaimExtractor) -> None:
        text = (
            "A spokesperson for OpenAI questioned the calculation, noting that it makes "
            "several assumptions.\n"
            '"My girlfriend is trying to get an appointment," the man could be heard saying.'
        )
        first, second = (c.claimant for c in extractor.extract(text))
        assert first in ("A spokesperson for OpenAI", "OpenAI")  # never the fragment "A"
        assert second == "the man"

    def test_a_title_alone_keeps_its_phrase(self, extractor: ClaimExtractor) -> None:
        text = "The Chairwoman of Ukraine's Central Bank says two men stole $5.5B outright."
        assert (
            _claimant(extractor, text, "The Chairwoman") == "Chairwoman of Ukraine's Central Bank"
        )

    def test_a_quantified_subject_is_its_noun(self, extractor: ClaimExtractor) -> None:
        text = "Tens of thousands of users reported problems accessing Facebook on Tuesday."
        assert _claimant(extractor, text, "Tens") == "users"

    def test_time_words_between_a_verb_and_that(self, extractor: ClaimExtractor) -> None:
        text = "Taoiseach Micheal Martin confirmed this evening that the nation would move up."
        assert _claimant(extractor, text, "Taoiseach") == "Micheal Martin"

    def test_emphatic_did_say_attributes(self, extractor: ClaimExtractor) -> None:
        text = "The hospital did say however that limited visiting would be allowed."
        assert _claimant(extractor, text, "The hospital") == "The hospital"

    def test_spanish_verb_between_dashes_is_the_speakers(self, extractor: ClaimExtractor) -> None:
        text = (
            "Miguel Díaz-Canel Bermúdez dijo que el código es justo.\n"
            "No podemos perder de vista —alertó— que el enemigo trabaja contra el referendo."
        )
        assert _claimant(extractor, text, "No podemos") == "Miguel Díaz-Canel Bermúdez"


class TestFigures:
    @pytest.mark.parametrize(
        ("sentence", "count"),
        [
            ("It can add up to an hour, officials said.", 1),
            ("The storm left a quarter million people without power, officials said.", 250000),
            ("Officials said half a million cars were affected.", 500000),
            ("The block lasted more than two and a half years, the court said.", 2.5),
        ],
    )
    def test_counts_written_in_words(self, sentence: str, count: float) -> None:
        assert [q.count for q in QuantityParser().parse(sentence)] == [count]


class TestOrganisations:
    def test_the_hospital_is_the_hospital_named_before(self, extractor: ClaimExtractor) -> None:
        text = (
            "Cork University Hospital suspends visiting until further notice.\n"
            "The hospital did say however that limited visiting would be allowed."
        )
        assert _claimant(extractor, text, "The hospital") == "Cork University Hospital"

    def test_the_department_is_the_one_written_out(self, extractor: ClaimExtractor) -> None:
        text = (
            "The trust sent 28 questions to the transportation department in June.\n"
            "The department, however, said it couldn't answer anything until September."
        )
        assert _claimant(extractor, text, "The department") == "transportation department"
