"""The score on hand-made cases where the right ranking is known."""

from eenoverheid.marketplace.matching import (
    Need,
    OpportunityFacts,
    PersonFacts,
    Taxonomy,
    relative,
    score,
)

DATA, SQL, PYTHON, LAW, COMM, WINDOWS = 1, 2, 3, 4, 5, 6
TAXONOMY = Taxonomy({DATA: None, SQL: DATA, PYTHON: DATA, LAW: None, COMM: None, WINDOWS: SQL})


def who(user_id, skills=None, **extra) -> PersonFacts:
    return PersonFacts(user_id=user_id, skills=skills or {}, **extra)


def job(*needs, **extra) -> OpportunityFacts:
    return OpportunityFacts(opportunity_id=1, kind="gig", needs=list(needs), **extra)


def ranking(people, opportunity):
    scored = {p.user_id: score(p, opportunity, TAXONOMY).score for p in people}
    return sorted(scored, key=lambda u: (-scored[u], u)), scored


def test_the_same_skill_beats_a_narrower_one_which_beats_a_broader_one():
    people = [
        who(1, {LAW: "expert"}),
        who(2, {SQL: "practitioner"}),  # narrower than data analysis
        who(3, {DATA: "practitioner"}),  # exactly data analysis
    ]
    order, _scored = ranking(people, job(Need(DATA)))
    assert order == [3, 2, 1]
    # Asking for SQL: the SQL holder fits fully, the data analyst (broader) partly.
    order, _s = ranking(people, job(Need(SQL)))
    assert order == [2, 3, 1]


def test_a_grandchild_counts_less_than_a_child():
    order, _s = ranking([who(1, {WINDOWS: "expert"}), who(2, {SQL: "expert"})], job(Need(DATA)))
    assert order == [2, 1]


def test_the_level_asked_for_matters():
    people = [who(1, {SQL: "interested"}), who(2, {SQL: "expert"}), who(3, {SQL: "practitioner"})]
    order, scored = ranking(people, job(Need(SQL, "expert")))
    assert order == [2, 3, 1]
    # Above the level asked for counts no more than at it.
    _o, scored = ranking(people, job(Need(SQL, "practitioner")))
    assert scored[2] == scored[3]


def test_required_skills_weigh_more_than_desired_ones():
    order, _s = ranking(
        [who(1, {COMM: "expert"}), who(2, {LAW: "expert"})],
        job(Need(LAW, required=True), Need(COMM, required=False)),
    )
    assert order == [2, 1]


def test_the_explanation_names_what_matched_how_and_what_is_missing():
    match = score(
        who(1, {SQL: "expert", COMM: "practitioner"}),
        job(Need(DATA), Need(LAW), Need(COMM, required=False)),
        TAXONOMY,
    )
    assert [(m.skill_id, m.held_skill_id, m.relation) for m in match.matched] == [
        (DATA, SQL, "narrower"),
        (COMM, COMM, "exact"),
    ]
    assert [n.skill_id for n in match.missing] == [LAW]
    # Skills 60: data 2 x 0.6 + law 0 + communication 1 x 1 of 5; hours and place fit.
    assert match.parts["skills"] == (2 * 0.6 + 1.0) / 5


def test_place_hours_and_drive_order_otherwise_equal_people():
    same = {SQL: "expert"}
    here = who(1, same, municipality_ids={10}, province_ids={100})
    province = who(2, same, municipality_ids={11}, province_ids={100})
    far = who(3, same, municipality_ids={20}, province_ids={200})
    on_site = job(Need(SQL), work_mode="on_site", municipality_id=10, province_id=100)
    assert ranking([far, province, here], on_site)[0] == [1, 2, 3]
    remote = job(Need(SQL), work_mode="remote", municipality_id=10, province_id=100)
    assert len(set(ranking([far, province, here], remote)[1].values())) == 1

    eight_hours = job(Need(SQL), hours_per_week=8)
    enough, too_few = who(1, same, hours_per_week=8), who(2, same, hours_per_week=2)
    assert ranking([too_few, enough], eight_hours)[0] == [1, 2]

    seeker = who(1, same, seeks={"gig"})
    available = who(2, same, available=True)
    neither = who(3, same)
    assert ranking([neither, available, seeker], job(Need(SQL)))[0] == [1, 2, 3]


def test_text_breaks_a_tie_but_never_outweighs_a_required_skill():
    a, b = who(1, {SQL: "expert"}), who(2, {SQL: "expert"})
    opportunity = job(Need(SQL))
    assert score(a, opportunity, TAXONOMY, text=1.0).score > score(b, opportunity, TAXONOMY).score
    stranger = who(3, {LAW: "expert"})
    assert (
        score(stranger, opportunity, TAXONOMY, text=1.0).score
        < score(b, opportunity, TAXONOMY, text=0.0).score
    )


def test_engine_scores_are_made_relative_to_the_best():
    assert relative({1: 8.0, 2: 2.0}) == {1: 1.0, 2: 0.25}
    assert relative({}) == {}
