"""What people answer in communities makes them findable in the expertise finder, on
both engines; nothing from a secret community does."""

import pytest

from eenoverheid.communities import services
from eenoverheid.people import selectors

pytestmark = pytest.mark.django_db


def found(viewer, q):
    page = selectors.people_search(viewer=viewer, filters=selectors.filters_from_params(q=q))
    return page.results


def test_answers_are_evidence_and_accepted_answers_weigh_most(
    search_backend,
    orgs,
    make_person,
    committed,
):
    asker = make_person("Vera Vraag", orgs["utrecht"], bio="Ik werk aan sport.")
    helper = make_person("Hans Helper", orgs["zeist"], bio="Ik werk aan groen.")
    other = make_person("Olga Ook", orgs["zeist"], bio="Ik werk aan cultuur.")
    quiet = make_person("Stil Geheim", orgs["utrecht"], bio="Ik werk aan archieven.")
    community = committed(
        services.community_create, actor=asker, name="Omgevingswet in de praktijk"
    )
    for person in (helper, other):
        committed(services.join, community=community, actor=person)
    question = committed(
        services.thread_start,
        community=community,
        actor=asker,
        kind="question",
        title="Bruidsschat in het omgevingsplan",
        body="Hoe gaan jullie hiermee om?",
        visibility="signed_in",
    )
    accepted = committed(
        services.reply,
        thread=question,
        actor=helper,
        body="Wij zetten de bruidsschat van de Omgevingswet per thema om in het omgevingsplan.",
    )
    committed(
        services.reply,
        thread=question,
        actor=other,
        body="Bij ons staat de bruidsschat van de Omgevingswet nog ongewijzigd.",
    )
    committed(services.answer_accept, thread=question, actor=asker, post_id=accepted.pk)
    # A secret community's answers are no evidence for anyone.
    secret = committed(services.community_create, actor=quiet, name="Geheim", join_policy="secret")
    secret_question = committed(
        services.thread_start,
        community=secret,
        actor=quiet,
        kind="question",
        title="Omgevingswet",
        body="?",
    )
    committed(
        services.reply,
        thread=secret_question,
        actor=quiet,
        body="Omgevingswet omgevingsplan bruidsschat, bruidsschat, bruidsschat.",
    )
    results = found(asker, "bruidsschat omgevingsplan")
    ranked = [r.profile.user.name for r in results]
    assert ranked == ["Hans Helper", "Olga Ook"]
    assert any(
        "Geaccepteerd antwoord" in label or "Accepted answer" in label
        for label, _snippet in results[0].evidence
    )
    # The question itself is not evidence of knowing.
    assert "Vera Vraag" not in ranked
    # Signed-in evidence is not shown to anonymous visitors.
    assert found(None, "bruidsschat") == []
    # Hiding the accepted answer takes its evidence away.
    committed(services.post_hide, post=accepted, actor=asker, hidden=True)
    assert [r.profile.user.name for r in found(asker, "bruidsschat")] == ["Olga Ook"]


def test_knowledge_articles_are_evidence_for_their_writers(
    search_backend, orgs, make_person, committed
):
    writer = make_person("Wim Schrijver", orgs["utrecht"], bio="Ik werk aan sport.")
    editor = make_person("Els Redacteur", orgs["zeist"], bio="Ik werk aan groen.")
    community = committed(services.community_create, actor=writer, name="Woo en openbaarheid")
    committed(services.join, community=community, actor=editor)
    article = committed(
        services.article_create,
        community=community,
        actor=writer,
        title="Actieve openbaarmaking",
        body="Welke informatiecategorieën maak je actief openbaar onder de Woo?",
        visibility="signed_in",
    )
    committed(
        services.article_edit,
        article=article,
        actor=editor,
        title="Actieve openbaarmaking",
        body="Welke informatiecategorieën maak je actief openbaar onder de Woo? Eerst besluiten.",
    )
    ranked = {r.profile.user.name for r in found(writer, "informatiecategorieën openbaarmaking")}
    assert ranked == {"Wim Schrijver", "Els Redacteur"}
    committed(services.article_hide, article=article, actor=writer, hidden=True)
    assert found(writer, "informatiecategorieën") == []
