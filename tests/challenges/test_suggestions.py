"""Suggestions in a world where the right answer is known (see conftest)."""

from eenoverheid.challenges import services, suggestions
from eenoverheid.challenges.models import Challenge
from eenoverheid.datasets.importer import import_catalog


def describe(lead, organization, **fields) -> Challenge:
    fields.setdefault("title", "Opgave")
    fields.setdefault("description", "Beschrijving")
    return services.challenge_create(
        actor=lead, organization=organization, data=services.ChallengeInput(**fields)
    )


def test_youth_care_in_part_of_a_region_fits_the_regional_body(world, lead):
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["GM0001", "GM0002"],
        policy_domains=["6.72"],
    )
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization == world["r"]
    assert advice.level.layer == "regional"
    assert "Ministerie van VWS" in advice.level.reason  # the wider option, and why not
    layers = [g.layer for g in advice.groups]
    assert layers == ["municipality", "regional", "national"]
    regional = advice.groups[1].organizations
    assert [s.organization for s in regional] == [world["r"]]
    assert regional[0].full
    assert regional[0].area_size == 3
    municipalities = advice.groups[0].organizations
    assert {s.organization for s in municipalities} == {world["m"][1], world["m"][2]}
    assert all(not s.full and s.covered == 1 for s in municipalities)
    # The province holds no youth care: it is not suggested.
    assert world["p"] not in [s.organization for s in advice.all()]


def test_one_municipality_is_its_own_level(world, lead):
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        policy_domains=["6.72"],
    )
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization == world["m"][1]
    assert advice.level.layer == "municipality"


def test_water_quantity_goes_to_the_water_board(world, lead):
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        policy_domains=["W.2"],
    )
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization == world["w"]
    assert [g.layer for g in advice.groups] == ["water_board"]


def test_an_area_across_two_provinces_falls_to_the_national_level(world, lead):
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001", "gm0006"],
        policy_domains=["6.72"],
    )
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization == world["vws"]
    region = next(s for s in advice.all() if s.organization == world["r"])
    assert not region.full
    assert region.covered == 1


def test_a_province_area_and_a_main_task_field_stand_for_their_parts(world, lead):
    # "7" (public health and environment) includes G.2 and 7.4; the province's five
    # municipalities are the area; the health service covers exactly that.
    challenge = describe(
        lead, world["m"][1], area_kind="province", area_organization="pv26", policy_domains=["7"]
    )
    assert challenge.municipalities.count() == 5
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization == world["g"]


def test_without_a_matching_organization_the_advice_says_so(world, lead):
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        policy_domains=["R.5"],
    )
    advice = suggestions.suggest_organizations(challenge)
    assert advice.level.organization is None
    assert advice.groups == []


def test_the_team_covers_every_skill_from_available_visible_people(world, lead, person):
    m1, m2 = world["m"][1], world["m"][2]
    youth = person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    buyer = person("Bram Inkoop", m2, [("eo-inkoop", "expert")], municipality=m2)
    outsider = person("Otto Elders", world["q"], [("eo-jeugdhulp", "expert")])
    person("Niet Beschikbaar", m1, [("eo-jeugdhulp", "expert")], available=False)
    person("Alleen Geinteresseerd", m1, [("eo-inkoop", "interested")])
    hidden = person(
        "Verborgen Collega", world["w"], [("eo-jeugdhulp", "expert")], visibility="members"
    )
    challenge = describe(
        lead,
        m1,
        area_kind="municipalities",
        municipalities=["gm0001", "gm0002"],
        policy_domains=["6.72"],
        skills=[(skills_id("eo-jeugdhulp"), 1), (skills_id("eo-inkoop"), 1)],
        team_size=3,
    )
    found = suggestions.suggestions_for(challenge, viewer=lead)
    chosen = {m.profile.user for m in found.team.members}
    # People of the suggested organizations before an equal expert from elsewhere.
    assert chosen == {youth, buyer}
    assert found.team.complete
    assert hidden not in chosen
    assert outsider not in chosen
    yara = next(m for m in found.team.members if m.profile.user == youth)
    assert [s.code for s in yara.skills] == ["eo-jeugdhulp"]
    assert any("Jeugdregio R" in reason for reason in yara.reasons)
    # Swap: the next-best for youth care is the outsider, not the hidden or unavailable.
    swap_people = {p.user for _skill, people in yara.alternatives for p in people}
    assert swap_people == {outsider}


def test_one_person_bringing_both_skills_beats_two(world, lead, person):
    person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    person("Ivo Inkoop", world["r"], [("eo-inkoop", "expert")])
    both = person(
        "Bo Beide", world["r"], [("eo-jeugdhulp", "expert"), ("eo-inkoop", "practitioner")]
    )
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        policy_domains=["6.72"],
        skills=[(skills_id("eo-jeugdhulp"), 1), (skills_id("eo-inkoop"), 1)],
    )
    found = suggestions.suggestions_for(challenge, viewer=lead)
    assert [m.profile.user for m in found.team.members] == [both]


def test_swapping_excludes_one_and_pins_another(world, lead, person):
    youth = person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    other = person("Olaf Jeugd", world["q"], [("eo-jeugdhulp", "practitioner")])
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        skills=[(skills_id("eo-jeugdhulp"), 1)],
    )
    first = suggestions.suggestions_for(challenge, viewer=lead)
    assert [m.profile.user for m in first.team.members] == [youth]
    swapped = suggestions.suggestions_for(
        challenge, viewer=lead, exclude=[youth.pk], pin=[other.pk]
    )
    assert [m.profile.user for m in swapped.team.members] == [other]
    assert swapped.team.members[0].pinned


def test_the_team_so_far_counts_and_is_not_suggested_again(world, lead, person, skills):
    from eenoverheid.people import services as people_services

    people_services.profile_skill_set(user=lead, skill_id=skills["eo-inkoop"].pk, level="expert")
    youth = person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    person("Ivo Inkoop", world["r"], [("eo-inkoop", "expert")])
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        skills=[(skills["eo-jeugdhulp"].pk, 1), (skills["eo-inkoop"].pk, 1)],
    )
    found = suggestions.suggestions_for(challenge, viewer=lead)
    assert [m.profile.user for m in found.team.members] == [youth]
    assert found.team.complete


def test_too_small_a_team_size_reports_the_missing_skills(world, lead, person):
    person("Yara Jeugd", world["r"], [("eo-jeugdhulp", "expert")])
    person("Ivo Inkoop", world["r"], [("eo-inkoop", "expert")])
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001"],
        skills=[(skills_id("eo-jeugdhulp"), 1), (skills_id("eo-inkoop"), 1)],
    )
    found = suggestions.suggestions_for(challenge, viewer=lead, team_size=1)
    assert len(found.team.members) == 1
    assert not found.team.complete
    assert len(found.team.uncovered) == 1


def test_datasets_of_suggested_organizations_and_domains_come_first(world, lead):
    catalog = {
        "@context": {"dct": "http://purl.org/dc/terms/", "dcat": "http://www.w3.org/ns/dcat#"},
        "@graph": [
            dataset("d1", "Jeugdhulpgebruik regio R", "gr-jeugd", "Jeugdzorg"),
            dataset("d2", "Peilgebieden W", "ws0001", "Water"),
            dataset("d3", "Jeugdhulp in Q", "pv27", "Jeugdzorg"),
            dataset("d4", "Begroting R", "gr-jeugd", "Bestuur"),
        ],
    }
    report = import_catalog(catalog)
    assert report.created == 4, report.rejected
    challenge = describe(
        lead,
        world["m"][1],
        area_kind="municipalities",
        municipalities=["gm0001", "gm0002"],
        policy_domains=["6.72"],
        information_needs="Cijfers over jeugdhulpgebruik",
    )
    found = suggestions.suggestions_for(challenge, viewer=lead)
    titles = [d.dataset.title for d in found.datasets]
    # The region's youth-care data first; the province Q's on the same domain after;
    # the water board's (off-domain) and the region's off-topic budget not at all.
    assert titles == ["Jeugdhulpgebruik regio R", "Jeugdhulp in Q"]
    assert any("Jeugdregio R" in r for r in found.datasets[0].reasons)


def dataset(key, title, publisher, theme):
    return {
        "@id": f"https://example.org/{key}",
        "@type": "dcat:Dataset",
        "dct:title": title,
        "dct:publisher": {"@id": publisher},
        "dcat:theme": {"@id": f"http://standaarden.overheid.nl/owms/terms/{theme}"},
    }


def skills_id(code):
    from eenoverheid.people.models import Skill

    return Skill.objects.get(code=code).pk
