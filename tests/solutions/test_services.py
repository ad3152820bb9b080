"""The rules of shared solutions, joint initiatives and ideas, through the services."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed
from eenoverheid.ledger.services import InsufficientFunds
from eenoverheid.notifications.models import Notification
from eenoverheid.solutions import selectors, services
from eenoverheid.solutions.models import (
    Adoption,
    Commitment,
    CommitmentStatus,
    Idea,
    IdeaComment,
    IdeaStatus,
    JointInitiative,
    Phase,
    Solution,
    Vote,
)
from tests.solutions.conftest import balances

pytestmark = pytest.mark.django_db


def solution_input(**extra) -> services.SolutionInput:
    data = {
        "name": "Formulierenbouwer",
        "kind": "application",
        "summary": "Bouw digitale formulieren voor burgers zonder te programmeren.",
        "licence": "EUPL-1.2",
        "source_url": "https://github.com/voorbeeld/formulieren",
        "policy_domain_codes": ["0.2"],
        "standards": ["NL API Design Rules", "WCAG 2.1"],
        **extra,
    }
    return services.SolutionInput(**data)


def initiative_input(**extra) -> services.InitiativeInput:
    data = {
        "title": "Samen een wachtlijstdashboard jeugdhulp",
        "goal": "Eén dashboard van de wachtlijsten jeugdhulp voor alle gemeenten in de regio.",
        "euros_needed": 50_000,
        "hours_needed": 400,
        "points_needed": 500,
        "policy_domain_codes": ["6"],
        **extra,
    }
    return services.InitiativeInput(**data)


def idea_input(**extra) -> services.IdeaInput:
    data = {
        "title": "Eén landelijke afsprakenmodule",
        "body": "Laat alle gemeenten dezelfde module gebruiken om afspraken te maken met burgers.",
        **extra,
    }
    return services.IdeaInput(**data)


# -- solutions -------------------------------------------------------------------------


def test_a_member_registers_a_solution_for_their_organization(world):
    made = services.solution_create(actor=world["rik"], owner=world["a"], data=solution_input())
    assert made.owner == world["a"]
    assert made.created_by == world["rik"]
    assert [d.code for d in made.policy_domains.all()] == ["0.2"]
    assert sorted(s.name for s in made.standards.all()) == ["NL API Design Rules", "WCAG 2.1"]
    # The same standard in other capitals is the same standard.
    other = services.solution_create(
        actor=world["bea"], owner=world["b"], data=solution_input(standards=["wcag 2.1"])
    )
    assert other.standards.get().pk == made.standards.get(name="WCAG 2.1").pk


@pytest.mark.parametrize("who", ["bea", "dirk"])
def test_only_people_of_the_owner_register_in_its_name(world, who):
    with pytest.raises(NotAllowed):
        services.solution_create(actor=world[who], owner=world["a"], data=solution_input())
    assert not Solution.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("source_url", "ftp://example.org/x"),
        ("summary", "kort"),
        ("kind", "spaceship"),
        ("licence", "EUPL 1.2; rm -rf"),
        ("policy_domain_codes", ["9.99"]),
        ("visibility", "private"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(world, field, value):
    with pytest.raises(InvalidInput) as caught:
        services.solution_create(
            actor=world["rik"], owner=world["a"], data=solution_input(**{field: value})
        )
    names = [p.name for p in caught.value.invalid_params]
    assert names
    assert names[0] == field.replace("_codes", "s")
    assert not Solution.objects.exists()


def test_who_may_change_a_solution(world):
    made = services.solution_create(actor=world["rik"], owner=world["a"], data=solution_input())
    for who in ("alma", "rik", "root"):
        assert services.may_change(world[who], made), who
    for who in ("bea", "dirk"):
        assert not services.may_change(world[who], made), who
        with pytest.raises(NotAllowed):
            services.solution_update(
                actor=world[who], solution=made, data=solution_input(name="Anders")
            )
    services.solution_update(
        actor=world["rik"], solution=made, data=solution_input(name="Formulieren 2")
    )
    made.refresh_from_db()
    assert made.name == "Formulieren 2"
    # Who registered it but left the organization no longer changes it.
    world["rik"].memberships.all().delete()
    assert not services.may_change(world["rik"], made)


def test_adoptions_count_and_their_rules(world):
    made = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    with pytest.raises(InvalidInput) as caught:
        services.adoption_set(actor=world["alma"], solution=made, organization=world["a"])
    assert caught.value.invalid_params[0].name == "organization"
    with pytest.raises(NotAllowed):
        services.adoption_set(actor=world["dirk"], solution=made, organization=world["b"])
    with pytest.raises(InvalidInput):
        services.adoption_set(
            actor=world["bea"],
            solution=made,
            organization=world["b"],
            since=timezone.localdate() + dt.timedelta(days=3),
        )
    adoption, new = services.adoption_set(
        actor=world["bea"],
        solution=made,
        organization=world["b"],
        since=dt.date(2025, 3, 1),
        contact=world["bea"],
    )
    assert new
    again, new = services.adoption_set(
        actor=world["bea"], solution=made, organization=world["b"], note="Voor alle formulieren"
    )
    assert not new
    assert again.pk == adoption.pk
    services.adoption_set(actor=world["cas"], solution=made, organization=world["c"])
    made.refresh_from_db()
    assert made.adopter_count == 2
    # A contact must work for the organization that uses it.
    with pytest.raises(InvalidInput):
        services.adoption_set(
            actor=world["cas"], solution=made, organization=world["c"], contact=world["bea"]
        )
    with pytest.raises(NotAllowed):
        services.adoption_end(actor=world["rik"], adoption=adoption)
    services.adoption_end(actor=world["bea"], adoption=adoption)
    made.refresh_from_db()
    assert made.adopter_count == 1
    assert not Adoption.objects.filter(organization=world["b"]).exists()


def test_nobody_starts_using_a_retired_solution(world):
    made = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input(status="retired")
    )
    with pytest.raises(Conflict):
        services.adoption_set(actor=world["bea"], solution=made, organization=world["b"])


def test_users_per_layer_and_region(world):
    made = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    services.adoption_set(actor=world["bea"], solution=made, organization=world["b"])
    services.adoption_set(actor=world["cas"], solution=made, organization=world["c"])
    adoptions = selectors.adoptions_of(made)
    by_layer = {
        g.label: [o.code for o in g.organizations]
        for g in selectors.users_by_layer(made, adoptions)
    }
    assert by_layer == {"Water board": ["ws0901"], "Municipality": ["gm9302"]}
    by_region = {
        g.label: [o.code for o in g.organizations] for g in selectors.users_by_region(adoptions)
    }
    assert by_region == {"Provincie P": ["gm9302"], "Provincie Q": ["ws0901"]}


def test_organizations_like_yours_use(world):
    """Gemeente B (a municipality in A's province) uses C's tool; C's other tool nobody
    uses; A's own solution is never suggested to A."""
    used = services.solution_create(
        actor=world["cas"], owner=world["c"], data=solution_input(name="Zaaksysteem")
    )
    services.solution_create(
        actor=world["cas"], owner=world["c"], data=solution_input(name="Niemand")
    )
    own = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input(name="Eigen")
    )
    services.adoption_set(actor=world["bea"], solution=used, organization=world["b"])
    services.adoption_set(actor=world["bea"], solution=own, organization=world["b"])
    suggested = selectors.like_yours(viewer=world["alma"], organization=world["a"])
    assert [s.name for s in suggested] == ["Zaaksysteem"]
    assert suggested[0].peer_weight == 2.5  # same kind, same province, similar size
    services.adoption_set(actor=world["alma"], solution=used, organization=world["a"])
    assert selectors.like_yours(viewer=world["alma"], organization=world["a"]) == []


def test_visibility_of_solutions(world):
    inside = services.solution_create(
        actor=world["alma"], owner=world["a"], data=solution_input(name="Intern")
    )
    public = services.solution_create(
        actor=world["alma"],
        owner=world["a"],
        data=solution_input(name="Openbaar", visibility="public"),
    )
    anonymous = AnonymousUser()
    assert list(selectors.solutions_list(viewer=anonymous)) == [public]
    assert set(selectors.solutions_list(viewer=world["dirk"])) == {inside, public}


def test_catalogue_filters(world):
    form = services.solution_create(actor=world["alma"], owner=world["a"], data=solution_input())
    water = services.solution_create(
        actor=world["cas"],
        owner=world["c"],
        data=solution_input(
            name="Peilbeheer",
            kind="service",
            summary="Gedeelde dienst voor het beheer van waterpeilen.",
            policy_domain_codes=["W.2"],
            standards=[],
        ),
    )
    services.adoption_set(actor=world["bea"], solution=water, organization=world["b"])

    def names(**f):
        return [
            s.name
            for s in selectors.solutions_list(
                viewer=world["dirk"], filters=selectors.SolutionFilters(**f)
            )
        ]

    assert names(q="waterpeilen") == ["Peilbeheer"]
    assert names(q="formulieren burgers") == ["Formulierenbouwer"]
    assert names(kind="service") == ["Peilbeheer"]
    assert names(domain="2") == ["Peilbeheer"]  # the broader domain finds its narrower one
    assert names(used_by="gm9302") == ["Peilbeheer"]
    assert names(layer="municipality") == ["Formulierenbouwer", "Peilbeheer"]
    assert names(province="pv96") == ["Peilbeheer"]
    assert names(standard=form.standards.first().pk) == ["Formulierenbouwer"]
    assert names(sort="used") == ["Peilbeheer", "Formulierenbouwer"]


# -- initiatives -----------------------------------------------------------------------


@pytest.fixture
def initiative(world):
    return services.initiative_create(actor=world["rik"], lead=world["a"], data=initiative_input())


def test_proposing_an_initiative(world, initiative):
    assert initiative.phase == Phase.PROPOSED
    assert initiative.province == world["p"]
    assert services.is_lead(world["rik"], initiative)
    assert services.is_lead(world["alma"], initiative)
    assert not services.is_lead(world["bea"], initiative)
    with pytest.raises(NotAllowed):
        services.initiative_create(actor=world["dirk"], lead=world["a"], data=initiative_input())
    with pytest.raises(InvalidInput) as caught:
        services.initiative_create(
            actor=world["rik"],
            lead=world["a"],
            data=initiative_input(euros_needed=0, hours_needed=0, points_needed=0),
        )
    assert caught.value.invalid_params[0].name == "euros_needed"
    assert JointInitiative.objects.count() == 1


def test_commitments_reserve_points_and_are_checked(world, initiative):
    made = services.commitment_make(
        actor=world["bea"], initiative=initiative, organization=world["b"], points=300, hours=100
    )
    assert made.reservation.amount == 300
    assert balances(world["b"]) == [(1000, 300)]
    with pytest.raises(Conflict):  # once per organization
        services.commitment_make(
            actor=world["bea"], initiative=initiative, organization=world["b"], hours=5
        )
    with pytest.raises(NotAllowed):  # a member, not an administrator, of C
        services.commitment_make(
            actor=world["rik"], initiative=initiative, organization=world["c"], hours=5
        )
    with pytest.raises(InsufficientFunds):
        services.commitment_make(
            actor=world["cas"], initiative=initiative, organization=world["c"], points=5000
        )
    assert not Commitment.objects.filter(organization=world["c"]).exists()
    assert balances(world["c"]) == [(1000, 0)]
    with pytest.raises(InvalidInput) as caught:
        services.commitment_make(
            actor=world["alma"], initiative=initiative, organization=world["a"], points=10
        )
    assert caught.value.invalid_params[0].name == "points"
    with pytest.raises(InvalidInput):
        services.commitment_make(actor=world["cas"], initiative=initiative, organization=world["c"])


def test_the_phases_pay_the_lead_once(world, initiative):
    with pytest.raises(Conflict):  # straight from proposed to funded is not a phase step
        services.phase_set(actor=world["rik"], initiative=initiative, phase="funded")
    services.phase_set(actor=world["rik"], initiative=initiative, phase="forming")
    services.commitment_make(
        actor=world["bea"], initiative=initiative, organization=world["b"], points=300, euros=20_000
    )
    with pytest.raises(Conflict):  # not covered yet
        services.phase_set(actor=world["rik"], initiative=initiative, phase="funded")
    services.commitment_make(
        actor=world["cas"],
        initiative=initiative,
        organization=world["c"],
        points=200,
        euros=30_000,
        hours=400,
    )
    assert services.progress_of(initiative).covered
    with pytest.raises(NotAllowed):
        services.phase_set(actor=world["bea"], initiative=initiative, phase="funded")
    services.phase_set(actor=world["rik"], initiative=initiative, phase="funded")
    services.phase_set(actor=world["alma"], initiative=initiative, phase="running")
    assert balances(world["a"], world["b"], world["c"]) == [(500, 0), (700, 0), (800, 0)]
    assert set(Commitment.objects.values_list("status", flat=True)) == {CommitmentStatus.PAID}
    with pytest.raises(Conflict):
        services.phase_set(actor=world["alma"], initiative=initiative, phase="running")
    assert balances(world["a"]) == [(500, 0)]
    with pytest.raises(Conflict):  # joining closes when it runs
        services.commitment_make(
            actor=world["alma"], initiative=initiative, organization=world["a"], hours=10
        )
    services.phase_set(actor=world["alma"], initiative=initiative, phase="delivered")
    with pytest.raises(Conflict):
        services.phase_set(
            actor=world["alma"], initiative=initiative, phase="stopped", note="Toch niet"
        )


def test_withdrawal_releases_and_uncovers(world, initiative):
    services.phase_set(actor=world["rik"], initiative=initiative, phase="forming")
    services.commitment_make(
        actor=world["bea"], initiative=initiative, organization=world["b"], points=500, euros=50_000
    )
    c = services.commitment_make(
        actor=world["cas"], initiative=initiative, organization=world["c"], hours=400
    )
    services.phase_set(actor=world["rik"], initiative=initiative, phase="funded")
    with pytest.raises(NotAllowed):
        services.commitment_withdraw(actor=world["bea"], commitment=c)
    services.commitment_withdraw(actor=world["cas"], commitment=c)
    initiative.refresh_from_db()
    assert initiative.phase == Phase.FORMING
    with pytest.raises(Conflict):
        services.commitment_withdraw(actor=world["cas"], commitment=c)
    # A withdrawn organization may commit again.
    services.commitment_make(
        actor=world["cas"], initiative=initiative, organization=world["c"], hours=400
    )


def test_stopping_releases_every_reservation_and_needs_a_reason(world, initiative):
    services.commitment_make(
        actor=world["bea"], initiative=initiative, organization=world["b"], points=300
    )
    services.commitment_make(
        actor=world["cas"], initiative=initiative, organization=world["c"], points=100
    )
    with pytest.raises(InvalidInput):
        services.phase_set(actor=world["rik"], initiative=initiative, phase="stopped")
    services.phase_set(
        actor=world["rik"], initiative=initiative, phase="stopped", note="De provincie doet het al."
    )
    assert balances(world["b"], world["c"]) == [(1000, 0), (1000, 0)]
    assert set(Commitment.objects.values_list("status", flat=True)) == {CommitmentStatus.RELEASED}


def test_initiatives_are_suggested_to_organizations_like_them(world):
    led_by_b = services.initiative_create(
        actor=world["bea"], lead=world["b"], data=initiative_input()
    )
    services.initiative_create(
        actor=world["cas"],
        lead=world["c"],
        data=initiative_input(title="Gezamenlijke peilbuizen", policy_domain_codes=["W.2"]),
    )
    suggested = selectors.suggested_initiatives(viewer=world["alma"], organization=world["a"])
    assert next(i.pk for i in suggested) == led_by_b.pk
    assert "in your region" in suggested[0].reasons
    assert any("policy domains" in r for r in suggested[0].reasons)
    services.commitment_make(
        actor=world["alma"], initiative=led_by_b, organization=world["a"], hours=10
    )
    assert led_by_b.pk not in [
        i.pk for i in selectors.suggested_initiatives(viewer=world["alma"], organization=world["a"])
    ]


def test_phase_changes_are_told_to_the_committed(
    world, initiative, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.commitment_make(
            actor=world["bea"], initiative=initiative, organization=world["b"], hours=10
        )
    assert Notification.objects.filter(user=world["alma"], kind="initiative.joined").exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.phase_set(actor=world["rik"], initiative=initiative, phase="forming")
    told = set(
        Notification.objects.filter(kind="initiative.phase").values_list("user_id", flat=True)
    )
    assert told == {world["bea"].pk}  # the proposer caused it, so only the committed hear


# -- ideas -----------------------------------------------------------------------------


def test_posting_ideas(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input(policy_domain_codes=["0.2"]))
    assert idea.status == IdeaStatus.NEW
    assert idea.author == world["dirk"]
    with pytest.raises(NotAllowed):
        services.idea_create(actor=AnonymousUser(), data=idea_input())
    with pytest.raises(InvalidInput) as caught:
        services.idea_create(actor=world["dirk"], data=idea_input(body="te kort"))
    assert caught.value.invalid_params[0].name == "body"
    with pytest.raises(NotAllowed):
        services.idea_update(actor=world["bea"], idea=idea, data=idea_input(title="Gekaapt idee"))


def test_one_vote_a_person(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    services.vote_set(actor=world["bea"], idea=idea, support=True)
    idea, changed = services.vote_set(actor=world["bea"], idea=idea, support=True)
    assert idea.vote_count == 1
    assert not changed
    services.vote_set(actor=world["cas"], idea=idea, support=True)
    idea, changed = services.vote_set(actor=world["bea"], idea=idea, support=False)
    assert idea.vote_count == 1
    assert changed
    idea, changed = services.vote_set(actor=world["bea"], idea=idea, support=False)
    assert idea.vote_count == 1
    assert not changed


def test_merging_moves_votes_once_each(world, django_capture_on_commit_callbacks):
    first = services.idea_create(actor=world["dirk"], data=idea_input())
    duplicate = services.idea_create(
        actor=world["rik"], data=idea_input(title="Afspraken maken, overal hetzelfde")
    )
    for who in ("bea", "cas"):
        services.vote_set(actor=world[who], idea=first, support=True)
    for who in ("cas", "alma", "rik"):
        services.vote_set(actor=world[who], idea=duplicate, support=True)
    with pytest.raises(NotAllowed):
        services.merge(actor=world["dirk"], duplicate=duplicate, into=first)
    with pytest.raises(InvalidInput):
        services.merge(actor=world["mo"], duplicate=first, into=first)
    with django_capture_on_commit_callbacks(execute=True):
        survivor = services.merge(actor=world["mo"], duplicate=duplicate, into=first)
    assert survivor.vote_count == 4 == Vote.objects.filter(idea=first).count()
    duplicate.refresh_from_db()
    assert duplicate.status == IdeaStatus.MERGED
    assert duplicate.merged_into == first
    assert duplicate.vote_count == 0
    with pytest.raises(Conflict):
        services.vote_set(actor=world["bea"], idea=duplicate, support=True)
    with pytest.raises(Conflict):
        services.merge(actor=world["mo"], duplicate=duplicate, into=first)
    # The duplicate's author hears where the discussion went.
    assert Notification.objects.filter(user=world["rik"], kind="idea.status").exists()
    assert [i.pk for i in selectors.ideas_list(viewer=world["dirk"])] == [first.pk]


def test_moderators_mark_the_status(world, django_capture_on_commit_callbacks):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    services.vote_set(actor=world["bea"], idea=idea, support=True)
    with pytest.raises(NotAllowed):
        services.status_set(actor=world["dirk"], idea=idea, status="considering")
    with pytest.raises(InvalidInput) as caught:
        services.status_set(actor=world["mo"], idea=idea, status="declined")
    assert caught.value.invalid_params[0].name == "reason"
    with pytest.raises(InvalidInput):
        services.status_set(actor=world["mo"], idea=idea, status="initiative")
    with django_capture_on_commit_callbacks(execute=True):
        services.status_set(
            actor=world["root"], idea=idea, status="declined", reason="Dit bestaat al bij Logius."
        )
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED
    assert idea.status_reason.startswith("Dit bestaat")
    told = set(Notification.objects.filter(kind="idea.status").values_list("user_id", flat=True))
    assert told == {world["dirk"].pk, world["bea"].pk}
    # After a decision the author no longer edits it; a moderator can.
    with pytest.raises(Conflict):
        services.idea_update(actor=world["dirk"], idea=idea, data=idea_input(title="Nog een keer"))


def test_an_idea_becomes_an_initiative_once(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input(policy_domain_codes=["0.2"]))
    with pytest.raises(NotAllowed):  # Dirk leads no organization
        services.to_initiative(
            actor=world["dirk"], idea=idea, lead=world["a"], data=initiative_input()
        )
    made = services.to_initiative(
        actor=world["rik"],
        idea=idea,
        lead=world["a"],
        data=initiative_input(title=idea.title, policy_domain_codes=[]),
    )
    idea.refresh_from_db()
    assert made.idea == idea
    assert selectors.initiative_of(idea) == made
    assert idea.status == IdeaStatus.INITIATIVE
    assert [d.code for d in made.policy_domains.all()] == ["0.2"]  # taken from the idea
    with pytest.raises(Conflict):
        services.to_initiative(
            actor=world["alma"], idea=idea, lead=world["a"], data=initiative_input()
        )


def test_ideas_sort_by_support_recency_and_trend(world):
    old = services.idea_create(actor=world["dirk"], data=idea_input(title="Oud maar geliefd"))
    new = services.idea_create(actor=world["dirk"], data=idea_input(title="Nieuw en populair"))
    quiet = services.idea_create(actor=world["dirk"], data=idea_input(title="Stil idee"))
    for who in ("alma", "bea", "cas"):
        services.vote_set(actor=world[who], idea=old, support=True)
    for who in ("alma", "bea"):
        services.vote_set(actor=world[who], idea=new, support=True)
    Vote.objects.filter(idea=old).update(created_at=timezone.now() - dt.timedelta(days=30))

    def order(sort):
        return [
            i.pk
            for i in selectors.ideas_list(
                viewer=world["dirk"], filters=selectors.IdeaFilters(sort=sort)
            )
        ]

    assert order("support") == [old.pk, new.pk, quiet.pk]
    assert order("recent") == [quiet.pk, new.pk, old.pk]
    assert order("trending") == [new.pk, old.pk, quiet.pk]


def test_a_person_who_leaves_takes_their_support_but_not_the_discussion(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    services.vote_set(actor=world["dirk"], idea=idea, support=True)
    services.vote_set(actor=world["bea"], idea=idea, support=True)
    services.comment_add(actor=world["dirk"], idea=idea, body="Zelf ook voor, natuurlijk.")
    exported = services.export_for(world["dirk"])
    assert exported["ideas"][0]["title"] == idea.title
    assert exported["idea_comments"][0]["body"] == "Zelf ook voor, natuurlijk."
    world["dirk"].delete()
    idea.refresh_from_db()
    assert idea.author is None
    assert idea.vote_count == 1
    assert IdeaComment.objects.get().author is None


def test_an_idea_that_someone_may_not_see_is_not_found(world):
    idea = services.idea_create(actor=world["dirk"], data=idea_input())
    assert Idea.objects.visible_to(AnonymousUser()).count() == 0
    public = services.idea_create(actor=world["dirk"], data=idea_input(visibility="public"))
    assert list(Idea.objects.visible_to(AnonymousUser())) == [public]
    assert idea in Idea.objects.visible_to(world["bea"])


def test_trending_pages_join_the_weeks_ranking_and_the_rest(world, monkeypatch):
    """Every window of the trending order is the same slice of one order, also across
    the point where the week's ranking (here cut at one idea) hands over to the rest."""
    monkeypatch.setattr(selectors, "TRENDING_DEPTH", 1)
    ideas = [
        services.idea_create(actor=world["dirk"], data=idea_input(title=f"Idee {n} erbij"))
        for n in range(4)
    ]
    for who in ("alma", "bea", "cas"):
        services.vote_set(actor=world[who], idea=ideas[0], support=True)
    services.vote_set(actor=world["bea"], idea=ideas[3], support=True)
    Vote.objects.filter(idea=ideas[0]).update(created_at=timezone.now() - dt.timedelta(days=30))
    order = selectors.ideas_list(
        viewer=world["dirk"], filters=selectors.IdeaFilters(sort="trending")
    )
    whole = [i.pk for i in order]
    assert whole[:2] == [ideas[3].pk, ideas[0].pk]  # this week's, then the most supported
    assert sorted(whole) == sorted(i.pk for i in ideas)
    for start in range(4):
        assert [i.pk for i in order[start : start + 2]] == whole[start : start + 2]
    assert len(order) == 4
