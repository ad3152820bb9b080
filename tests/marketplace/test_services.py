"""The marketplace's rules: who publishes, bad input, the life of an opportunity and of
an application, points through the ledger, the manager's release, feedback and
endorsements, rankings both ways, saved searches and leaving."""

import datetime as dt

import pytest
from django.utils import timezone

from eenoverheid.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from eenoverheid.ledger import services as ledger
from eenoverheid.marketplace import selectors, services
from eenoverheid.marketplace.models import Application, ApplicationStatus, Opportunity, Status
from eenoverheid.notifications.models import Notification
from eenoverheid.people.models import Profile
from eenoverheid.search.models import SearchDocument
from tests.marketplace.conftest import gig_input, person

pytestmark = pytest.mark.django_db
A = ApplicationStatus


def _balance(organization):
    account = ledger.organization_account(organization)
    account.refresh_from_db()
    return account.balance, account.reserved


def _offered(world, gig, who="bea"):
    application = services.apply(
        actor=world[who], opportunity=gig, motivation="Ik bouw graag dashboards met SQL."
    )
    return services.make_offer(actor=world["rik"], application=application, message="Welkom!")


# -- publishing ---------------------------------------------------------------------------


def test_only_administrators_and_recruiters_publish(world):
    with pytest.raises(NotAllowed):
        services.opportunity_create(
            actor=world["bob"], organization=world["a"], data=gig_input(world)
        )
    services.recruiter_remove(actor=world["alma"], organization=world["a"], user=world["rik"])
    with pytest.raises(NotAllowed):
        services.opportunity_create(
            actor=world["rik"], organization=world["a"], data=gig_input(world)
        )
    with pytest.raises(NotAllowed):  # only administrators appoint
        services.recruiter_add(actor=world["bob"], organization=world["a"], user=world["bob"])
    made = services.opportunity_create(
        actor=world["alma"], organization=world["a"], data=gig_input(world)
    )
    assert made.status == Status.DRAFT


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"kind": "vacancy", "points": 10}, "points"),
        ({"salary_scale_min": 10}, "salary_scale_min"),
        ({"kind": "vacancy", "salary_scale_min": 11, "salary_scale_max": 9}, "salary_scale_max"),
        ({"start_date": dt.date(2030, 5, 1), "end_date": dt.date(2030, 4, 1)}, "end_date"),
        ({"skills": [(999_999, "expert", True)]}, "skills"),
        ({"municipality": "gm0000"}, "municipality"),
        ({"title": "x"}, "title"),
        ({"places": 0}, "places"),
        ({"visibility": "private"}, "visibility"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(world, extra, field):
    with pytest.raises(InvalidInput) as caught:
        services.opportunity_create(
            actor=world["rik"], organization=world["a"], data=gig_input(world, **extra)
        )
    assert field in [p.name for p in caught.value.invalid_params]
    assert not Opportunity.objects.exists()


def test_a_draft_is_seen_by_its_publishers_only_until_published(world):
    draft = services.opportunity_create(
        actor=world["rik"], organization=world["a"], data=gig_input(world)
    )
    with pytest.raises(NotFound):
        selectors.opportunity_get(viewer=world["bea"], pk=draft.pk)
    assert selectors.opportunity_get(viewer=world["alma"], pk=draft.pk) == draft
    assert list(selectors.search(viewer=world["bea"], filters=selectors.OpportunityFilters())) == []
    services.opportunity_publish(actor=world["rik"], opportunity=draft)
    assert selectors.opportunity_get(viewer=world["bea"], pk=draft.pk) == draft
    with pytest.raises(Conflict):
        services.opportunity_publish(actor=world["rik"], opportunity=draft)


def test_search_by_text_skill_kind_and_region(world, gig):
    vacancy = services.opportunity_create(
        actor=world["alma"],
        organization=world["a"],
        publish=True,
        data=gig_input(
            world,
            kind="vacancy",
            title="Jurist omgevingsrecht",
            points=0,
            description="Vaste baan als jurist.",
            skills=[(world["law"].pk, "expert", True)],
            salary_scale_min=10,
            salary_scale_max=11,
        ),
    )

    def found(**params):
        filters = selectors.filters_from_params(**params)
        return [o.pk for o in selectors.search(viewer=world["bea"], filters=filters)]

    assert set(found()) == {gig.pk, vacancy.pk}
    assert found(q="dashboards") == [gig.pk]  # Dutch stemming: "dashboards" finds "dashboard"
    assert found(q="jurist") == [vacancy.pk]
    assert found(kind="vacancy") == [vacancy.pk]
    assert found(skill=world["data"].code) == [gig.pk]
    assert found(skill=world["sql"].code) == []  # the gig asks for the broader skill
    assert set(found(province="pv95")) == {gig.pk, vacancy.pk}
    assert found(province="pv96") == []
    assert found(hours_max=4) == []
    with pytest.raises(InvalidInput) as caught:
        selectors.filters_from_params(skill="no-such-skill", province="pv00")
    assert {p.name for p in caught.value.invalid_params} == {"skill", "province"}


def test_opportunities_for_me_and_people_who_fit_rank_with_the_same_score(world, gig):
    law = services.opportunity_create(
        actor=world["alma"],
        organization=world["a"],
        publish=True,
        data=gig_input(
            world,
            title="Tweede lezing omgevingsplan",
            skills=[(world["law"].pk, "expert", True)],
            description="Een tweede lezing van het omgevingsplan.",
        ),
    )
    mine = list(selectors.for_me(viewer=world["bea"]))
    assert mine[0].pk == gig.pk
    assert law.pk not in [o.pk for o in mine[:1]]
    fit = mine[0].fit
    assert [(m.relation, skill.code, held.code) for m, skill, held in fit.matched] == [
        ("narrower", "t-data", "t-sql"),
        ("exact", "t-comm", "t-comm"),
    ]
    assert fit.missing == []
    cas_first = list(selectors.for_me(viewer=world["cas"]))
    assert cas_first[0].pk == law.pk

    sql_gig = services.opportunity_create(
        actor=world["rik"],
        organization=world["a"],
        publish=True,
        data=gig_input(
            world,
            title="Query's herschrijven",
            skills=[(world["sql"].pk, "practitioner", True)],
            description="Trage query's herschrijven.",
        ),
    )
    window, count = selectors.people_who_fit(viewer=world["rik"], opportunity=sql_gig)
    order = [c.profile.user_id for c in window]
    # Bea and Noor hold SQL itself (Noor is not available but seeks gigs); Bob only the
    # broader data analysis; Cas and Dirk bring nothing asked for.
    assert set(order[:2]) == {world["bea"].pk, world["noor"].pk}
    assert order[2] == world["bob"].pk
    assert world["cas"].pk not in order
    assert world["dirk"].pk not in order
    # The same function scores both ways: Bea's fit from her side equals her side here.
    bea_here = next(c for c in window if c.profile.user_id == world["bea"].pk).fit
    assert [m.relation for m, _s, _h in bea_here.matched] == ["exact"]
    assert count >= 3


def test_people_who_fit_respects_profile_visibility(world, gig):
    Profile.objects.filter(user=world["bea"]).update(visibility="members")  # only Gemeente B
    window, _count = selectors.people_who_fit(viewer=world["rik"], opportunity=gig)
    assert world["bea"].pk not in [c.profile.user_id for c in window]
    window, _count = selectors.people_who_fit(viewer=world["platform"], opportunity=gig)
    assert world["bea"].pk in [c.profile.user_id for c in window]


# -- applications ---------------------------------------------------------------------------


def test_a_gig_from_application_to_payment(world, gig):
    bob_app = services.apply(
        actor=world["bob"], opportunity=gig, motivation="Ik help graag mee hiermee."
    )
    application = services.apply(
        actor=world["bea"], opportunity=gig, motivation="Ik bouw graag dashboards."
    )
    with pytest.raises(Conflict):
        services.apply(actor=world["bea"], opportunity=gig, motivation="Nog een keer solliciteren.")
    with pytest.raises(NotAllowed):
        services.shortlist(actor=world["bob"], application=application)
    services.shortlist(actor=world["rik"], application=application)
    services.make_offer(actor=world["rik"], application=application, message="Welkom!")
    assert _balance(world["a"]) == (1000, 200)  # reserved at the offer
    services.make_offer(actor=world["rik"], application=bob_app)
    assert _balance(world["a"]) == (1000, 400)
    with pytest.raises(NotAllowed):
        services.offer_accept(actor=world["bob"], application=application)
    services.offer_accept(actor=world["bea"], application=application)
    gig.refresh_from_db()
    assert gig.status == Status.FILLED  # one place, taken
    bob_app.refresh_from_db()
    assert bob_app.status == A.REJECTED
    assert "taken" in bob_app.reason
    assert _balance(world["a"]) == (1000, 200)  # Bob's offer's points returned

    services.complete_confirm(actor=world["bea"], application=application)
    application.refresh_from_db()
    assert application.status == A.ACCEPTED
    assert application.payment_id is None
    services.complete_confirm(actor=world["rik"], application=application)
    services.complete_confirm(actor=world["rik"], application=application)  # twice pays once
    application.refresh_from_db()
    assert application.status == A.COMPLETED
    assert _balance(world["a"]) == (800, 0)
    assert _balance(world["b"]) == (200, 0)  # paid to the worker's organization

    services.feedback_give(actor=world["bea"], application=application, rating=5, text="Fijn team")
    services.feedback_give(actor=world["rik"], application=application, rating=4)
    with pytest.raises(Conflict):
        services.feedback_give(actor=world["bea"], application=application, rating=1)
    with pytest.raises(InvalidInput):
        services.feedback_give(actor=world["alma"], application=application, rating=9)
    with pytest.raises(NotAllowed):
        services.endorse(actor=world["bea"], application=application, skill_ids=[world["sql"].pk])
    services.endorse(
        actor=world["rik"], application=application, skill_ids=[world["sql"].pk, world["comm"].pk]
    )
    section = selectors.profile_section(viewer=world["bob"], profile=world["bea"].profile)
    assert [e.skill.code for e in section["endorsements"]] == ["t-comm", "t-sql"]
    # The completed gig is evidence of Bea's expertise in the search.
    assert SearchDocument.objects.filter(key=f"gig:{application.pk}", owner=world["bea"]).exists()
    steps = [e.status for e in application.events.all()]
    assert steps == [A.APPLIED, A.SHORTLISTED, A.OFFERED, A.ACCEPTED, A.COMPLETED]


def test_an_offer_needs_the_points_to_be_there(world):
    rich = services.opportunity_create(
        actor=world["rik"],
        organization=world["a"],
        data=gig_input(world, points=5000),
        publish=True,
    )
    application = services.apply(
        actor=world["bea"], opportunity=rich, motivation="Graag doe ik dit."
    )
    with pytest.raises(Conflict):
        services.make_offer(actor=world["rik"], application=application)
    application.refresh_from_db()
    assert application.status == A.APPLIED
    assert _balance(world["a"]) == (1000, 0)


def test_declines_and_withdrawals_keep_their_reason_and_return_points(world, gig):
    offered = _offered(world, gig)
    with pytest.raises(InvalidInput):
        services.decline(actor=world["bea"], application=offered, reason="")
    services.decline(actor=world["bea"], application=offered, reason="Toch geen tijd")
    offered.refresh_from_db()
    assert offered.status == A.DECLINED
    assert offered.reason == "Toch geen tijd"
    assert offered.events.last().note == "Toch geen tijd"
    assert _balance(world["a"]) == (1000, 0)
    bob = services.apply(actor=world["bob"], opportunity=gig, motivation="Ik wil dit graag doen.")
    services.withdraw(actor=world["bob"], application=bob, reason="Andere klus gevonden")
    with pytest.raises(Conflict):
        services.shortlist(actor=world["rik"], application=bob)
    with pytest.raises(InvalidInput):
        services.reject(actor=world["rik"], application=bob, message="")


def test_the_managers_release_holds_the_place_until_given(world, gig):
    services.release_policy_set(actor=world["platform"], organization=world["b"], required=True)
    offered = _offered(world, gig)
    with pytest.raises(InvalidInput):  # a manager must work for Bea's organization
        services.offer_accept(
            actor=world["bea"], application=offered, manager_email="cas@example.org"
        )
    services.offer_accept(actor=world["bea"], application=offered, manager_email="bob@example.org")
    offered.refresh_from_db()
    gig.refresh_from_db()
    assert offered.status == A.RELEASE_PENDING
    assert gig.status == Status.FILLED
    assert Notification.objects.filter(user=world["bob"], kind="marketplace.release").exists()
    with pytest.raises(NotAllowed):
        services.release_decide(actor=world["cas"], application=offered, release=True)
    with pytest.raises(InvalidInput):
        services.release_decide(actor=world["bob"], application=offered, release=False, reason="")
    services.release_decide(
        actor=world["bob"], application=offered, release=False, reason="Te druk nu"
    )
    offered.refresh_from_db()
    gig.refresh_from_db()
    assert offered.status == A.DECLINED
    assert offered.reason == "Te druk nu"
    assert gig.status == Status.OPEN  # the place is free again
    assert _balance(world["a"]) == (1000, 0)


def test_invitations_and_notifications(world, gig):
    invited = services.invite(
        actor=world["rik"], opportunity=gig, user=world["cas"], message="Iets voor jou?"
    )
    assert invited.status == A.INVITED
    assert Notification.objects.filter(user=world["cas"], kind="marketplace.invited").exists()
    with pytest.raises(Conflict):
        services.invite(actor=world["rik"], opportunity=gig, user=world["cas"])
    with pytest.raises(NotAllowed):
        services.invite(actor=world["bob"], opportunity=gig, user=world["cas"])
    applied = services.apply(
        actor=world["cas"], opportunity=gig, motivation="Ja, ik doe graag mee."
    )
    assert applied.pk == invited.pk
    assert applied.status == A.APPLIED
    assert Notification.objects.filter(user=world["rik"], kind="marketplace.applied").exists()


def test_new_opportunities_reach_saved_searches_and_people_who_fit(
    world, django_capture_on_commit_callbacks
):
    services.saved_search_create(
        user=world["cas"],
        name="Klussen",
        filters=selectors.filters_from_params(kind="gig", q="query"),
    )
    services.saved_search_create(
        user=world["bob"], name="Vacatures", filters=selectors.filters_from_params(kind="vacancy")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.opportunity_create(
            actor=world["rik"],
            organization=world["a"],
            publish=True,
            data=gig_input(
                world,
                title="Query's herschrijven",
                skills=[(world["sql"].pk, "expert", True)],
                description="Trage query's herschrijven in SQL.",
            ),
        )
    told = set(
        Notification.objects.filter(kind="marketplace.new").values_list("user_id", flat=True)
    )
    # Cas's saved search matches; Noor seeks gigs and fits; Bob's search is for vacancies.
    assert told == {world["cas"].pk, world["noor"].pk}


def test_past_the_closing_date_nobody_applies_and_the_sweep_closes(world, gig):
    Opportunity.objects.filter(pk=gig.pk).update(
        closing_date=timezone.localdate() - dt.timedelta(days=1)
    )
    assert list(selectors.search(viewer=world["bea"], filters=selectors.OpportunityFilters())) == []
    with pytest.raises(Conflict):
        services.apply(actor=world["bea"], opportunity=gig, motivation="Nog net op tijd toch?")
    assert services.close_expired() == 1
    gig.refresh_from_db()
    assert gig.status == Status.CLOSED


def test_a_person_who_leaves_frees_their_place_and_points(world, gig):
    offered = _offered(world, gig)
    services.offer_accept(actor=world["bea"], application=offered)
    assert _balance(world["a"]) == (1000, 200)
    exported = services.export_for(world["bea"])
    assert exported["applications"][0]["status"] == A.ACCEPTED
    world["bea"].delete()
    assert _balance(world["a"]) == (1000, 0)
    gig.refresh_from_db()
    assert gig.status == Status.OPEN
    assert not Application.objects.exists()


def test_interests_show_on_the_profile(world):
    services.interests_set(user=world["bea"], seek=["gig", "mentoring"], offer=["peer_coaching"])
    section = selectors.profile_section(viewer=world["bob"], profile=world["bea"].profile)
    assert section["interests"] == {"seek": ["gig", "mentoring"], "offer": ["peer_coaching"]}
    with pytest.raises(InvalidInput):
        services.interests_set(user=world["bea"], seek=["astronaut"], offer=[])
    person("Eva")  # nothing said: nothing shown
