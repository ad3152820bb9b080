"""Pages of communities: the catalogue, a community with its members, discussions and
questions, and files."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eenoverheid.communities import selectors, services
from eenoverheid.communities.forms import (
    ArticleForm,
    CommunityForm,
    DocumentForm,
    EventForm,
    InviteForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
    VersionForm,
)
from eenoverheid.communities.markdown import quote
from eenoverheid.communities.models import (
    Block,
    Community,
    CommunityKind,
    MembershipStatus,
    Post,
    ThreadKind,
)
from eenoverheid.core.errors import DomainError, NotFound
from eenoverheid.core.forms import report_domain_error

PAGE_SIZE = 25


def _community(request, slug: str) -> Community:
    try:
        return selectors.community_get(viewer=request.user, slug=slug)
    except NotFound as exc:
        raise Http404(str(exc)) from exc


def _context(request, community: Community, **extra) -> dict:
    membership = services.membership_of(user=request.user, community=community)
    challenge = None
    if community.kind == CommunityKind.WORKSPACE:
        from eenoverheid.challenges.models import Challenge

        challenge = Challenge.objects.filter(workspace=community).first()
    from eenoverheid.notifications.services import is_following

    return {
        "community": community,
        "following_community": is_following(user=request.user, obj=community),
        "membership": membership,
        "member": membership is not None and membership.status == MembershipStatus.ACTIVE,
        "moderator": services.can_moderate(user=request.user, community=community),
        "challenge": challenge,
        **extra,
    }


def _sign_in_first(request):
    return redirect(f"{reverse('account_login')}?next={request.path}")


def _error(request, exc: DomainError) -> None:
    messages.error(request, str(exc.detail))


@require_GET
def catalogue(request):
    q = request.GET.get("q", "")[:200]
    mine = request.GET.get("mine") == "1"
    communities = selectors.community_list(viewer=request.user, q=q, mine=mine)
    page = Paginator(communities, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = {
        "page": page,
        "q": q,
        "mine": mine,
        "query": query,
        "can_create": services.can_create_community(request.user),
    }
    if request.htmx:
        return render(request, "communities/catalogue.html#results", context)
    return render(request, "communities/catalogue.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    parent = None
    if request.GET.get("parent") or request.POST.get("parent"):
        parent = _community(request, request.GET.get("parent") or request.POST.get("parent"))
    form = CommunityForm(request.POST or None, initial={"join_policy": "open"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            community = services.community_create(
                actor=request.user,
                name=data["name"],
                description=data["description"],
                join_policy=data["join_policy"],
                parent=parent,
                blocks=data["blocks"],
                required_profile_fields=data["required_profile_fields"],
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("The community is started. Invite your colleagues."))
            return redirect("communities:detail", community.slug)
    return render(request, "communities/form.html", {"form": form, "parent": parent})


@require_GET
def detail(request, slug: str):
    community = _community(request, slug)
    threads = selectors.thread_list(viewer=request.user, community=community)[:8]
    context = _context(
        request,
        community,
        threads=threads,
        children=selectors.children_of(viewer=request.user, community=community),
        member_count=selectors.member_count(community),
        documents=selectors.documents_of(viewer=request.user, community=community)[:5],
        missing=services.missing_profile_fields(user=request.user, community=community)
        if request.user.is_authenticated
        else [],
    )
    return render(request, "communities/detail.html", context)


@login_required
@require_POST
def join(request, slug: str):
    community = _community(request, slug)
    try:
        membership = services.join(community=community, actor=request.user)
    except DomainError as exc:
        _error(request, exc)
    else:
        if membership.status == MembershipStatus.ACTIVE:
            messages.success(request, _("Welcome to %(name)s.") % {"name": community.name})
        else:
            messages.success(request, _("Your request to join is sent to the managers."))
    return redirect("communities:detail", community.slug)


@login_required
@require_POST
def leave(request, slug: str):
    community = _community(request, slug)
    try:
        services.leave(community=community, actor=request.user)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("You left %(name)s.") % {"name": community.name})
    if services.can_see(user=request.user, community=community):
        return redirect("communities:detail", community.slug)
    return redirect("communities:catalogue")


@require_http_methods(["GET", "POST"])
def members(request, slug: str):
    community = _community(request, slug)
    moderator = services.can_moderate(user=request.user, community=community)
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        if not moderator:
            raise PermissionDenied(_("Only the community's owners and managers can do this."))
        action = request.POST.get("action", "invite")
        user_id = request.POST.get("user", "")
        try:
            if action == "invite" and form.is_valid():
                services.invite(
                    community=community, actor=request.user, email=form.cleaned_data["email"]
                )
                messages.success(request, _("The invitation is sent."))
                return redirect("communities:members", community.slug)
            if action in {"approve", "decline"} and user_id.isdigit():
                services.request_answer(
                    community=community,
                    actor=request.user,
                    user_id=int(user_id),
                    approve=action == "approve",
                )
                return redirect("communities:members", community.slug)
            if action == "remove" and user_id.isdigit():
                services.member_remove(
                    community=community, actor=request.user, user_id=int(user_id)
                )
                return redirect("communities:members", community.slug)
            if action == "role" and user_id.isdigit():
                services.role_set(
                    community=community,
                    actor=request.user,
                    user_id=int(user_id),
                    role=request.POST.get("role", ""),
                )
                return redirect("communities:members", community.slug)
        except DomainError as exc:
            if action == "invite":
                report_domain_error(form, exc, {"user": "email"})
            else:
                _error(request, exc)
    page = Paginator(selectors.members_of(community), 50).get_page(request.GET.get("page"))
    context = _context(
        request,
        community,
        page=page,
        form=form,
        query="",
        requests=list(selectors.members_of(community, status=MembershipStatus.REQUESTED))
        if moderator
        else [],
        invited=list(selectors.members_of(community, status=MembershipStatus.INVITED))
        if moderator
        else [],
    )
    return render(request, "communities/members.html", context)


@require_http_methods(["GET", "POST"])
def threads(request, slug: str):
    community = _community(request, slug)
    kind = request.GET.get("kind") if request.GET.get("kind") in ThreadKind.values else None
    unanswered = request.GET.get("unanswered") == "1"
    form = ThreadForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            try:
                thread = services.thread_start(
                    community=community,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    kind=request.POST.get("kind", ThreadKind.DISCUSSION),
                    visibility=form.cleaned_data["visibility"],
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                return redirect("communities:thread", community.slug, thread.pk)
    listing = selectors.thread_list(
        viewer=request.user,
        community=community,
        kind=kind,
        unanswered=unanswered,
        q=request.GET.get("q", "")[:200],
    )
    page = Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    context = _context(
        request,
        community,
        page=page,
        form=form,
        kind=kind,
        unanswered=unanswered,
        query=query,
        blocks=Block,
    )
    return render(request, "communities/threads.html", context)


@require_http_methods(["GET", "POST"])
def thread(request, slug: str, pk: int):
    community = _community(request, slug)
    try:
        item = selectors.thread_get(viewer=request.user, community=community, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    initial = {}
    quoted = request.GET.get("quote")
    if quoted and quoted.isdigit() and len(quoted) < 12:
        post = (
            Post.objects.filter(thread=item, pk=int(quoted), hidden=False)
            .select_related("author")
            .first()
        )
        if post is not None:
            initial = {"body": quote(str(post.author or "?"), post.body), "quote_of": post.pk}
    form = ReplyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            try:
                services.reply(
                    thread=item,
                    actor=request.user,
                    body=form.cleaned_data["body"],
                    quote_of_id=form.cleaned_data["quote_of"],
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                last = selectors.posts_page(viewer=request.user, thread=item, page_number="last")
                url = reverse("communities:thread", args=[community.slug, item.pk])
                return redirect(f"{url}?page={last.page.number}#reply")
    posts = selectors.posts_page(
        viewer=request.user, thread=item, page_number=request.GET.get("page")
    )
    context = _context(
        request,
        community,
        thread=item,
        posts=posts.posts,
        page=posts.page,
        form=form,
        query="",
        opening_id=item.posts.order_by("id").values_list("id", flat=True).first(),
    )
    return render(request, "communities/thread.html", context)


@login_required
@require_POST
def thread_action(request, slug: str, pk: int):
    community = _community(request, slug)
    try:
        item = selectors.thread_get(viewer=request.user, community=community, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    action = request.POST.get("action", "")
    post_id = request.POST.get("post", "")
    try:
        if action in {"pin", "unpin"}:
            services.thread_moderate(thread=item, actor=request.user, pinned=action == "pin")
        elif action in {"close", "reopen"}:
            services.thread_moderate(thread=item, actor=request.user, closed=action == "close")
        elif action in {"hide", "show"}:
            services.thread_moderate(thread=item, actor=request.user, hidden=action == "hide")
        elif action in {"accept", "unaccept"}:
            services.answer_accept(
                thread=item,
                actor=request.user,
                post_id=int(post_id) if action == "accept" and post_id.isdigit() else None,
            )
        elif action in {"hide_post", "show_post"} and post_id.isdigit():
            post = (
                Post.objects.filter(thread=item, pk=int(post_id))
                .select_related("thread__community")
                .first()
            )
            if post is None:
                raise Http404(_("No post with this id."))
            services.post_hide(post=post, actor=request.user, hidden=action == "hide_post")
        elif action == "react" and post_id.isdigit():
            post = (
                Post.objects.filter(thread=item, pk=int(post_id), hidden=False)
                .select_related("thread__community")
                .first()
            )
            if post is None:
                raise Http404(_("No post with this id."))
            services.react(
                post=post,
                actor=request.user,
                kind=request.POST.get("kind", ""),
                on=request.POST.get("on") == "1",
            )
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    except DomainError as exc:
        _error(request, exc)
    url = reverse("communities:thread", args=[community.slug, item.pk])
    page = request.POST.get("page", "")
    return redirect(f"{url}?page={page}" if page.isdigit() else url)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug: str, pk: int):
    community = _community(request, slug)
    post = (
        Post.objects.filter(pk=pk, thread__community=community)
        .select_related("thread", "thread__community")
        .first()
    )
    if post is None or not post.thread.is_visible_to(request.user):
        raise Http404(_("No post with this id."))
    form = ReplyForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, actor=request.user, body=form.cleaned_data["body"])
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied(str(exc.detail)) from exc
            report_domain_error(form, exc)
        else:
            return redirect("communities:thread", community.slug, post.thread_id)
    elif not (
        post.author_id == request.user.pk
        or services.can_moderate(user=request.user, community=community)
    ):
        raise PermissionDenied(_("Only the author or a manager edits a post."))
    return render(
        request, "communities/post_edit.html", _context(request, community, post=post, form=form)
    )


@require_http_methods(["GET", "POST"])
def documents(request, slug: str):
    community = _community(request, slug)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            try:
                document = services.document_upload(
                    community=community,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    upload=form.cleaned_data["file"],
                    visibility=form.cleaned_data["visibility"],
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                messages.success(request, _("The file is added."))
                return redirect("communities:document", community.slug, document.pk)
    page = Paginator(
        selectors.documents_of(viewer=request.user, community=community), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "communities/documents.html",
        _context(request, community, page=page, form=form, query=""),
    )


@require_http_methods(["GET", "POST"])
def document(request, slug: str, pk: int):
    community = _community(request, slug)
    try:
        item = selectors.document_get(viewer=request.user, community=community, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            try:
                services.document_new_version(
                    document=item,
                    actor=request.user,
                    upload=form.cleaned_data["file"],
                    note=form.cleaned_data["note"],
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                messages.success(request, _("The new version is added."))
                return redirect("communities:document", community.slug, item.pk)
    versions = list(item.versions.select_related("uploaded_by"))
    return render(
        request,
        "communities/document.html",
        _context(request, community, document=item, versions=versions, form=form),
    )


@require_GET
def download(request, slug: str, pk: int, number: int):
    community = _community(request, slug)
    try:
        item = selectors.document_get(viewer=request.user, community=community, pk=pk)
        version = selectors.version_get(item, number)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    services.document_downloaded(document=item)
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# -- knowledge articles ---------------------------------------------------------------------


def _article(request, community: Community, slug: str):
    try:
        return selectors.article_get(viewer=request.user, community=community, slug=slug)
    except NotFound:
        return None


@require_http_methods(["GET", "POST"])
def articles(request, slug: str):
    community = _community(request, slug)
    form = ArticleForm(request.POST or None, initial={"title": request.GET.get("titel", "")[:200]})
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            try:
                article = services.article_create(
                    community=community,
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    visibility=form.cleaned_data["visibility"],
                    slug=request.POST.get("slug") or None,
                )
            except DomainError as exc:
                report_domain_error(form, exc)
            else:
                return redirect("communities:article", community.slug, article.slug)
    listing = selectors.article_list(
        viewer=request.user, community=community, q=request.GET.get("q", "")[:200]
    )
    page = Paginator(listing, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "page" and v])
    return render(
        request,
        "communities/articles.html",
        _context(request, community, page=page, form=form, query=query),
    )


@require_GET
def article(request, slug: str, article_slug: str):
    community = _community(request, slug)
    item = _article(request, community, article_slug)
    if item is None:
        # A link to an article not written yet: offer to write it.
        context = _context(
            request,
            community,
            missing_slug=article_slug,
            missing_title=article_slug.replace("-", " ").capitalize(),
        )
        return render(request, "communities/article_missing.html", context, status=404)
    from eenoverheid.communities.wiki import render_article

    html = render_article(
        item.current.body if item.current else "",
        community_slug=community.slug,
        existing=selectors.article_slugs(community),
    )
    return render(
        request,
        "communities/article.html",
        _context(
            request,
            community,
            article=item,
            html=html,
            backlinks=selectors.backlinks(viewer=request.user, article=item),
            revision_count=item.revisions.count(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def article_edit(request, slug: str, article_slug: str):
    community = _community(request, slug)
    item = _article(request, community, article_slug)
    if item is None:
        raise Http404(_("No article with this address."))
    form = ArticleForm(
        request.POST or None,
        editing=True,
        initial={
            "title": item.title,
            "body": item.current.body if item.current else "",
            "base_revision": item.current.number if item.current else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.article_edit(
                article=item,
                actor=request.user,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                note=form.cleaned_data["note"],
                base_revision=form.cleaned_data["base_revision"],
            )
        except DomainError as exc:
            if exc.status == 403:
                raise PermissionDenied(str(exc.detail)) from exc
            report_domain_error(form, exc)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("communities:article", community.slug, item.slug)
    return render(
        request,
        "communities/article_edit.html",
        _context(request, community, article=item, form=form),
    )


@require_GET
def article_history(request, slug: str, article_slug: str):
    community = _community(request, slug)
    item = _article(request, community, article_slug)
    if item is None:
        raise Http404(_("No article with this address."))
    revisions = list(
        item.revisions.select_related("author").only(
            "id",
            "number",
            "title",
            "note",
            "created_at",
            "author__name",
            "author__email",
            "article_id",
        )
    )
    return render(
        request,
        "communities/article_history.html",
        _context(request, community, article=item, revisions=revisions),
    )


@require_GET
def article_diff(request, slug: str, article_slug: str, old: int, new: int):
    from eenoverheid.communities.wiki import diff, diff_html

    community = _community(request, slug)
    item = _article(request, community, article_slug)
    if item is None:
        raise Http404(_("No article with this address."))
    revisions = {
        r.number: r for r in item.revisions.filter(number__in=[old, new]).select_related("author")
    }
    if old not in revisions or new not in revisions:
        raise Http404(_("No such revision of this article."))
    lines = diff(revisions[old].body, revisions[new].body)
    return render(
        request,
        "communities/article_diff.html",
        _context(
            request,
            community,
            article=item,
            old=revisions[old],
            new=revisions[new],
            html=diff_html(lines),
            added=sum(1 for line in lines if line.op == "added"),
            removed=sum(1 for line in lines if line.op == "removed"),
        ),
    )


@login_required
@require_POST
def article_action(request, slug: str, article_slug: str):
    community = _community(request, slug)
    item = _article(request, community, article_slug)
    if item is None:
        raise Http404(_("No article with this address."))
    action = request.POST.get("action", "")
    number = request.POST.get("number", "")
    try:
        if action == "restore" and number.isdigit() and len(number) < 10:
            services.article_restore(article=item, actor=request.user, number=int(number))
            messages.success(request, _("The old revision is the current text again."))
        elif action in {"hide", "show"}:
            services.article_hide(article=item, actor=request.user, hidden=action == "hide")
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    except DomainError as exc:
        _error(request, exc)
    return redirect("communities:article", community.slug, item.slug)


# -- events ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def events(request, slug: str):
    community = _community(request, slug)
    form = EventForm(request.POST or None)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = services.event_create(
                    community=community,
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    location=data["location"],
                    online_url=data["online_url"],
                    capacity=data["capacity"],
                    visibility=data["visibility"],
                    recurrence=data["recurrence"] or None,
                    occurrences=data["occurrences"] or 1,
                )
            except DomainError as exc:
                if exc.status == 403:
                    raise PermissionDenied(str(exc.detail)) from exc
                report_domain_error(form, exc)
            else:
                messages.success(request, _("The event is planned."))
                return redirect("communities:event", community.slug, created[0].pk)
    past = request.GET.get("voorbij") == "1"
    page = Paginator(
        selectors.event_list(viewer=request.user, community=community, past=past), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "communities/events.html",
        _context(
            request, community, page=page, form=form, past=past, query="voorbij=1" if past else ""
        ),
    )


@require_http_methods(["GET", "POST"])
def event(request, slug: str, pk: int):
    community = _community(request, slug)
    try:
        item = selectors.event_get(viewer=request.user, community=community, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    if request.method == "POST":
        if not request.user.is_authenticated:
            return _sign_in_first(request)
        action = request.POST.get("action", "")
        user_id = request.POST.get("user", "")
        try:
            if action == "register":
                registration = services.event_register(event=item, actor=request.user)
                if registration.status == "waiting":
                    messages.success(request, _("The event is full: you are on the waiting list."))
                else:
                    messages.success(request, _("You are registered."))
            elif action == "unregister":
                services.event_unregister(event=item, actor=request.user)
                messages.success(request, _("Your registration is cancelled."))
            elif action == "check_in" and user_id.isdigit() and len(user_id) < 12:
                services.check_in(event=item, actor=request.user, user_id=int(user_id))
            elif action in {"cancel", "reinstate"}:
                services.event_update(event=item, actor=request.user, cancelled=action == "cancel")
            else:
                return HttpResponseBadRequest(_("Unknown action."))
        except DomainError as exc:
            _error(request, exc)
        return redirect("communities:event", community.slug, item.pk)
    from eenoverheid.communities.models import Registration

    mine = (
        Registration.objects.filter(event=item, user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    moderator = services.can_moderate(user=request.user, community=community)
    registrations = selectors.registrations_of(item)
    waiting_position = None
    if mine is not None and mine.status == "waiting":
        waiting_position = [r.pk for r in registrations["waiting"]].index(mine.pk) + 1
    return render(
        request,
        "communities/event.html",
        _context(
            request,
            community,
            event=item,
            mine=mine,
            waiting_position=waiting_position,
            confirmed=registrations["confirmed"] if moderator else [],
            waiting=registrations["waiting"] if moderator else [],
            confirmed_count=len(registrations["confirmed"]),
            waiting_count=len(registrations["waiting"]),
            today=timezone.localdate(),
        ),
    )


def _ics_response(body: str, filename: str):
    from django.http import HttpResponse

    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, slug: str, pk: int):
    from eenoverheid.communities.ical import calendar

    community = _community(request, slug)
    try:
        item = selectors.event_get(viewer=request.user, community=community, pk=pk)
    except NotFound as exc:
        raise Http404(str(exc)) from exc
    body = calendar(
        [item],
        name=community.name,
        host=request.get_host(),
        url_for=lambda e: request.build_absolute_uri(
            reverse("communities:event", args=[slug, e.pk])
        ),
    )
    return _ics_response(body, f"evenement-{item.pk}.ics")


@require_GET
def events_ics(request, slug: str):
    """The community's feed for calendar apps. Calendar apps do not sign in, so the feed
    holds the events anyone may see; a signed-in browser gets those it may see."""
    from eenoverheid.communities.ical import calendar

    community = _community(request, slug)
    upcoming = selectors.event_list(viewer=request.user, community=community)[:500]
    body = calendar(
        upcoming,
        name=community.name,
        host=request.get_host(),
        url_for=lambda e: request.build_absolute_uri(
            reverse("communities:event", args=[slug, e.pk])
        ),
    )
    return _ics_response(body, f"{community.slug}.ics")


@login_required
@require_POST
def follow(request, slug: str):
    community = _community(request, slug)
    thread_id = request.POST.get("thread", "")
    target = community
    if thread_id.isdigit() and len(thread_id) < 12:
        try:
            target = selectors.thread_get(
                viewer=request.user, community=community, pk=int(thread_id)
            )
        except NotFound as exc:
            raise Http404(str(exc)) from exc
    following = request.POST.get("follow") == "1"
    try:
        services.follow(obj=target, actor=request.user, following=following)
    except DomainError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            _("You follow this now: new posts reach you as notifications.")
            if following
            else _("You no longer follow this."),
        )
    if target is community:
        return redirect("communities:detail", community.slug)
    return redirect("communities:thread", community.slug, target.pk)


# -- reporting ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def report(request, slug: str):
    community = _community(request, slug)
    kind = request.GET.get("soort") or request.POST.get("soort", "")
    content_id = request.GET.get("id") or request.POST.get("id", "")
    if not content_id.isdigit() or len(content_id) > 12:
        raise Http404(_("Nothing to report with this id."))
    try:
        target = services.reportable_get(
            actor=request.user, community=community, kind=kind, content_id=int(content_id)
        )
    except DomainError as exc:
        raise Http404(str(exc.detail)) from exc
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(
                actor=request.user,
                kind=kind,
                content_id=target.obj.pk,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(
                request, _("Thank you. A moderator will look at it; you will hear the outcome.")
            )
            return redirect("communities:detail", community.slug)
    return render(
        request,
        "communities/report.html",
        _context(
            request,
            community,
            form=form,
            kind=kind,
            content_id=target.obj.pk,
            excerpt=target.excerpt,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderation(request, slug: str):
    from eenoverheid.communities.models import Report

    community = _community(request, slug)
    if not services.can_moderate(user=request.user, community=community):
        raise PermissionDenied(_("Only the community's owners and managers can do this."))
    if request.method == "POST":
        report_id = request.POST.get("report", "")
        item = (
            Report.objects.filter(community=community, pk=report_id).first()
            if report_id.isdigit()
            else None
        )
        if item is None:
            raise Http404(_("No report with this id."))
        action = request.POST.get("action")
        try:
            if action in {"hide", "dismiss"}:
                services.report_resolve(
                    report=item,
                    actor=request.user,
                    hide=action == "hide",
                    note=request.POST.get("note", ""),
                )
            elif action == "restore":
                services.report_restore(report=item, actor=request.user)
            else:
                return HttpResponseBadRequest(_("Unknown action."))
        except DomainError as exc:
            _error(request, exc)
        return redirect("communities:moderation", community.slug)
    status = request.GET.get("status", "open")
    reports = Report.objects.filter(community=community).select_related("reporter", "handled_by")
    if status in {"open", "hidden", "dismissed"}:
        reports = reports.filter(status=status)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "communities/moderation.html",
        _context(request, community, page=page, status=status, query=f"status={status}"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request, slug: str):
    community = _community(request, slug)
    if not services.can_moderate(user=request.user, community=community):
        raise PermissionDenied(_("Only the community's owners and managers can do this."))
    form = CommunityForm(
        request.POST or None,
        initial={
            "name": community.name,
            "description": community.description,
            "join_policy": community.join_policy,
            "blocks": community.blocks,
            "required_profile_fields": community.required_profile_fields,
        },
    )
    if community.kind == CommunityKind.WORKSPACE:
        del form.fields["join_policy"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.community_update(
                community=community,
                actor=request.user,
                name=data["name"],
                description=data["description"],
                join_policy=data.get("join_policy"),
                blocks=data["blocks"],
                required_profile_fields=data["required_profile_fields"],
            )
        except DomainError as exc:
            report_domain_error(form, exc)
        else:
            messages.success(request, _("The settings are saved."))
            return redirect(
                "communities:detail"
                if community.kind == CommunityKind.COMMUNITY
                else "communities:threads",
                community.slug,
            )
    return render(request, "communities/settings.html", _context(request, community, form=form))
