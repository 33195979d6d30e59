"""Voice pages. Public (no login, no script, CSRF, throttled): the poster landing, the one-time survey
form, the anonymous appeal form, the appeal receipt page and answered consultation questions. Staff
(login, scope): waves and the index, an employer's links and poster, the appeals inbox, consultations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods

from labormap import csvsafe, i18n
from labormap.voice.appeals import AppealsError, read_export
from labormap.voice.index import MIN_RESPONDENTS
from labormap.voice.poster import poster_pdf
from labormap.voice.questionnaire import WaveError, parse_wave, wave_of
from labormap.web.accounts import audit
from labormap.web.accounts.audit import client_ip
from labormap.web.accounts.scope import get_employer, scoped_employers, sees_country
from labormap.web.voice import services
from labormap.web.voice.filters import AppealFilters
from labormap.web.voice.forms import (
    AnswerForm,
    AppealForm,
    BatchForm,
    EventForm,
    ImportForm,
    QuestionForm,
    ReceiptForm,
    SurveyForm,
)
from labormap.web.voice.models import (
    CONSULTATION_TOPICS,
    Appeal,
    ConsultationEvent,
    ConsultationQuestion,
    SurveyToken,
    TokenBatch,
)

PUBLIC_LANGS = ("ru", "kk")


def _lang() -> str:
    return (get_language() or "ru")[:2]


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > services.MAX_BODY_BYTES
    except ValueError:
        return True


def _public(request: HttpRequest, template: str, ctx: dict[str, Any], status: int = 200) -> HttpResponse:
    """Public pages: ru or kk (``?lang=kk``), never cached by a shared proxy, no referrer sent to other sites."""
    lang = request.GET.get("lang") or request.POST.get("lang") or _lang()
    lang = lang if lang in PUBLIC_LANGS else "ru"
    with translation.override(lang):
        resp = render(request, template, {**ctx, "plang": lang, "langs": PUBLIC_LANGS}, status=status)
    resp["Cache-Control"] = "no-store"
    resp["Referrer-Policy"] = (
        "same-origin"  # the token URL never leaves the site; "no-referrer" would send Origin: null and fail CSRF
    )
    return resp


def _too_many(request: HttpRequest) -> HttpResponse:
    resp = _public(
        request,
        "voice/public_message.html",
        {"message": _l("Too many attempts. Please try again later.")},
        429,
    )
    resp["Retry-After"] = "3600"
    return resp


def _addr(request: HttpRequest) -> str | None:
    # used only as the input of an HMAC (services.allow); never stored or logged as such
    return client_ip(request)


# --- public ---------------------------------------------------------------------------------------------
@require_http_methods(["GET", "POST"])
def poster_landing(request: HttpRequest, code: str) -> HttpResponse:
    batch = get_object_or_404(TokenBatch, poster_code=code)
    if request.method == "POST":
        if _too_big(request):
            return HttpResponseBadRequest()
        if not services.allow("poster", f"{_addr(request)}|{code}", services.POSTER_TOKENS_PER_DAY, 86400):
            return _too_many(request)
        tok = services.poster_token(batch)
        url = reverse("voice:survey", args=[tok.token])
        lang = request.POST.get("lang")
        return redirect(f"{url}?lang={lang}" if lang in PUBLIC_LANGS else url)
    from labormap.web.employers.models import Employer

    e = Employer.objects.filter(bin=batch.employer_bin).first()
    return _public(request, "voice/poster_landing.html", {"batch": batch, "employer": e})


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    tok = SurveyToken.objects.select_related("batch__wave").filter(token=token).first()
    if tok is None:
        raise Http404
    if tok.used:
        return _public(
            request,
            "voice/public_message.html",
            {"message": _l("This link has already been used: one answer per link.")},
            410,
        )
    lang = request.GET.get("lang") or request.POST.get("lang") or _lang()
    lang = lang if lang in PUBLIC_LANGS else "ru"
    form = SurveyForm(request.POST or None, lang=lang)
    if request.method == "POST":
        if _too_big(request):
            return HttpResponseBadRequest()
        if not services.allow("token", token, services.TOKEN_TRIES_PER_HOUR, 3600) or not services.allow(
            "addr", _addr(request), services.ADDRESS_SUBMITS_PER_HOUR, 3600
        ):
            return _too_many(request)
        if form.is_valid():
            try:
                services.submit(tok, form.answers())
            except ValueError:
                return _public(
                    request,
                    "voice/public_message.html",
                    {"message": _l("This link has already been used: one answer per link.")},
                    410,
                )
            services.flush()
            return _public(
                request,
                "voice/public_message.html",
                {
                    "message": _l("Thank you! Your answers are saved anonymously."),
                    "poster": tok.batch.poster_code,
                },
            )
    return _public(request, "voice/survey.html", {"form": form, "tok": tok, "min": MIN_RESPONDENTS})


@require_http_methods(["GET", "POST"])
def appeal_form(request: HttpRequest, code: str) -> HttpResponse:
    batch = get_object_or_404(TokenBatch, poster_code=code)
    form = AppealForm(request.POST or None)
    if request.method == "POST":
        if _too_big(request):
            return HttpResponseBadRequest()
        if not services.allow("appeal", _addr(request), services.APPEALS_PER_DAY, 86400):
            return _too_many(request)
        if (
            form.is_valid()
            and not form.cleaned_data.get("website")
            and not services.spam(form.cleaned_data["text"])
        ):
            a = services.take_appeal(form.cleaned_data["text"], batch.employer_bin, "poster")
            return _public(request, "voice/appeal_done.html", {"appeal": a})
        if form.is_valid():
            form.add_error("text", _("The appeal looks like spam. Please describe the problem in words."))
    return _public(request, "voice/appeal_form.html", {"form": form, "batch": batch})


@require_http_methods(["GET"])
def receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.GET or None)
    appeal = None
    if form.is_valid():
        if not services.allow("receipt", _addr(request), 30, 3600):
            return _too_many(request)
        appeal = Appeal.objects.filter(receipt=form.cleaned_data["code"].strip().upper()).first()
        if appeal is None:
            form.add_error("code", _("No appeal with this code."))
    return _public(request, "voice/receipt.html", {"form": form, "appeal": appeal})


def public_questions(request: HttpRequest) -> HttpResponse:
    """Answered consultation questions, anonymised: topic, question, answer, month — nothing else."""
    qs = ConsultationQuestion.objects.filter(public=True).exclude(answer="").order_by("-answered_on", "-pk")
    topic = request.GET.get("topic", "")
    if topic in CONSULTATION_TOPICS:
        qs = qs.filter(topic=topic)
    return _public(
        request,
        "voice/public_questions.html",
        {"questions": qs[:200], "topics": CONSULTATION_TOPICS, "topic": topic},
    )


# --- staff ----------------------------------------------------------------------------------------------
def _unavailable(request: HttpRequest, e: Exception) -> HttpResponse:
    return render(request, "voice/unavailable.html", {"reason": str(e)}, status=503)


def _wave_param(request: HttpRequest, known: list[str]) -> str:
    w = request.GET.get("wave") or (known[0] if known else wave_of(timezone.localdate()))
    try:
        parse_wave(w)
    except WaveError:
        raise Http404 from None
    return w


@login_required
def index(request: HttpRequest) -> HttpResponse:
    known = services.known_waves()
    wave = _wave_param(request, known)
    bins = list(scoped_employers(request.user).values_list("bin", flat=True))
    try:
        emp = services.index_rows("employer", wave, bins)
        regions = services.index_rows("region", wave, bins)
        sectors = services.index_rows("sector", wave, bins)
    except services.Unavailable as e:
        return _unavailable(request, e)
    audit.record(request, "view_voice", target=f"voice:index:{wave}")
    from labormap.web.employers.models import Employer

    names = {e.bin: e for e in Employer.objects.filter(bin__in=[g.key for g in emp])}
    from django.db.models import Count

    from labormap.web.voice.models import Wave

    # the waves run from this app: links issued and used per wave, within the user's scope
    wave_rows = (
        Wave.objects.filter(batches__employer_bin__in=bins)
        .annotate(
            n_batches=Count("batches", distinct=True),
            n_links=Count("batches__tokens"),
            n_used=Count("batches__tokens", filter=Q(batches__tokens__used=True)),
        )
        .order_by("-code")
    )
    emp.sort(key=lambda g: (g.index is None, g.index if g.index is not None else 0))
    return render(
        request,
        "voice/index.html",
        {
            "wave": wave,
            "waves": known,
            "employers": emp,
            "regions": regions,
            "sectors": sectors,
            "names": names,
            "min": MIN_RESPONDENTS,
            "wave_rows": wave_rows,
        },
    )


@login_required
def index_csv(request: HttpRequest) -> HttpResponse:
    """The employer index as CSV: below MIN_RESPONDENTS the index cell says "not enough answers"."""
    known = services.known_waves()
    wave = _wave_param(request, known)
    bins = list(scoped_employers(request.user).values_list("bin", flat=True))
    try:
        rows = services.index_rows("employer", wave, bins)
    except services.Unavailable as e:
        return _unavailable(request, e)
    audit.record(request, "export_voice", target=f"voice:index:{wave}")
    resp = HttpResponse(content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="voice-index-{wave}.csv"'
    w = csvsafe.writer(resp)
    w.writerow([_("BIN"), _("Wave"), _("Respondents"), _("Index"), _("Change")])
    for g in rows:
        idx = g.index if g.index is not None else _("not enough answers")
        w.writerow([g.key, wave, g.respondents, idx, "" if g.change is None else g.change])
    return resp


@login_required
def employer(request: HttpRequest, bin: str) -> HttpResponse:
    e = get_employer(request.user, bin)
    form = BatchForm(request.POST or None, initial={"wave": wave_of(timezone.localdate()), "size": 50})
    if request.method == "POST" and form.is_valid():
        b = services.new_batch(
            e.bin, services.wave_for(form.cleaned_data["wave"]), form.cleaned_data["size"], request.user
        )
        audit.record(request, "voice_batch", target=e.bin, wave=b.wave.code, size=b.size)
        messages.success(request, _("Links created."))
        return redirect("voice:employer", bin=e.bin)
    try:
        history = services.employer_trend(e.bin)
    except services.Unavailable:
        history = []
    audit.record(request, "view_voice", target=e.bin)
    batches = TokenBatch.objects.filter(employer_bin=e.bin).select_related("wave")
    return render(
        request,
        "voice/employer.html",
        {"e": e, "form": form, "history": history, "batches": batches, "min": MIN_RESPONDENTS},
    )


def _batch(request: HttpRequest, pk: int) -> TokenBatch:
    b = get_object_or_404(TokenBatch.objects.select_related("wave"), pk=pk)
    get_employer(request.user, b.employer_bin)  # 404 out of scope
    return b


@login_required
def poster(request: HttpRequest, pk: int) -> HttpResponse:
    b = _batch(request, pk)
    from labormap.web.employers.models import Employer

    e = Employer.objects.get(bin=b.employer_bin)
    url = request.build_absolute_uri(reverse("voice:poster_landing", args=[b.poster_code]))
    audit.record(request, "voice_poster", target=b.employer_bin)
    resp = HttpResponse(poster_pdf(url, e.name, b.wave.code), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="poster-{b.employer_bin}-{b.wave.code}.pdf"'
    return resp


@login_required
def tokens_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The personal links of a batch, one a line, to hand out (each opens the form once)."""
    b = _batch(request, pk)
    audit.record(request, "voice_tokens", target=b.employer_bin, batch=b.pk)
    resp = HttpResponse(content_type="text/csv; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="links-{b.employer_bin}-{b.wave.code}.csv"'
    w = csvsafe.writer(resp)
    w.writerow(["link", "used"])
    for t in b.tokens.filter(from_poster=False).order_by("pk"):
        w.writerow([request.build_absolute_uri(reverse("voice:survey", args=[t.token])), int(t.used)])
    return resp


def appeals_for(user: Any) -> QuerySet[Appeal]:
    """Appeals of employers in the user's scope; appeals with no employer only for country-wide users."""
    bins = scoped_employers(user).values("bin")
    q = Q(employer_bin__in=bins)
    if sees_country(user):
        q |= Q(employer_bin="")
    return Appeal.objects.filter(q)


@login_required
def appeals(request: HttpRequest) -> HttpResponse:
    f = AppealFilters.from_query(request.GET)
    qs = f.apply(appeals_for(request.user), timezone.localdate())
    status = f.status
    audit.record(request, "view_appeals", target="voice:appeals")
    return render(
        request,
        "voice/appeals.html",
        {
            "appeals": qs[:300],
            "status": status,
            "overdue": f.overdue,
            "statuses": ("routed", "answered"),
            "today": timezone.localdate(),
            "import_form": ImportForm(),
        },
    )


@login_required
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    a = get_object_or_404(appeals_for(request.user), pk=pk)
    form = AnswerForm(request.POST or None, initial={"answer": a.answer, "body": a.body})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["body"] != a.body:
            a.body = form.cleaned_data["body"]  # re-routed: the deadline stays the worker's
        if form.cleaned_data["answer"]:
            a.answer = form.cleaned_data["answer"]
            a.status = "answered"
            a.answered_on = timezone.localdate()
            a.answered_by = request.user if request.user.is_authenticated else None
        a.save()
        audit.record(request, "answer_appeal", target=a.employer_bin or a.receipt[:4], status=a.status)
        messages.success(request, _("The answer is saved; the worker sees it with the receipt code."))
        return redirect("voice:appeals")
    audit.record(request, "view_appeal", target=a.employer_bin)
    return render(request, "voice/appeal.html", {"a": a, "form": form, "today": timezone.localdate()})


@login_required
@require_http_methods(["POST"])
def appeals_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file."))
        return redirect("voice:appeals")
    f = form.cleaned_data["file"]
    if f.size > 20 * 1024 * 1024:
        messages.error(request, _("The file is too large (20 MB at most)."))
        return redirect("voice:appeals")
    try:
        raw = read_export(f.name, f.read(), form.cleaned_data["channel"], timezone.localdate())
    except AppealsError as e:
        messages.error(request, str(e))
        return redirect("voice:appeals")
    t = services.triage()
    n = 0
    for r in raw:
        services.save_triaged(t.triage(r))
        n += 1
    audit.record(request, "import_appeals", target="voice:appeals", rows=n)
    messages.success(request, _("%(n)s appeals imported and routed.") % {"n": n})
    return redirect("voice:appeals")


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    ev_form = EventForm(prefix="ev")
    q_form = QuestionForm(prefix="q")
    if request.method == "POST":
        if "ev-title" in request.POST:
            ev_form = EventForm(request.POST, prefix="ev")
            if ev_form.is_valid():
                ev_form.save()
                return redirect("voice:consultations")
        else:
            q_form = QuestionForm(request.POST, prefix="q")
            if q_form.is_valid():
                q = q_form.save(commit=False)
                if q.answer and not q.answered_on:
                    q.answered_on = timezone.localdate()
                q.save()
                return redirect("voice:consultations")
    today = timezone.localdate()
    topic = request.GET.get("topic", "")
    qs = ConsultationQuestion.objects.select_related("event")
    if topic in CONSULTATION_TOPICS:
        qs = qs.filter(topic=topic)
    return render(
        request,
        "voice/consultations.html",
        {
            "upcoming": ConsultationEvent.objects.filter(held_on__gte=today).order_by("held_on"),
            "past": ConsultationEvent.objects.filter(held_on__lt=today)[:50],
            "questions": qs[:200],
            "topics": CONSULTATION_TOPICS,
            "topic": topic,
            "ev_form": ev_form,
            "q_form": q_form,
        },
    )


@login_required
@require_http_methods(["POST"])
def answer_question(request: HttpRequest, pk: int) -> HttpResponse:
    q = get_object_or_404(ConsultationQuestion, pk=pk)
    q.answer = (request.POST.get("answer") or "")[:8000]
    q.answered_on = timezone.localdate() if q.answer else None
    q.save()
    return redirect("voice:consultations")


def card_panel(request: HttpRequest, employer: Any) -> str:
    """The well-being index on the employer card (the card checked the scope)."""
    from django.template.loader import render_to_string

    try:
        history = services.employer_trend(employer.bin)
    except services.Unavailable:
        return ""
    if not history and not TokenBatch.objects.filter(employer_bin=employer.bin).exists():
        return ""
    return render_to_string(
        "voice/_panel.html", {"e": employer, "history": history[-4:], "min": MIN_RESPONDENTS}, request=request
    )


def label_of(domain: str, code: str) -> str:
    return i18n.label(domain, code, _lang())


__all__ = ["dt"]


# --- the map layer (``/map/?layer=voice``) ------------------------------------------------------------
def index_class(index: float | None) -> int:
    """Map shade 0..5: 0 for no figure (fewer than MIN_RESPONDENTS), darker for lower well-being."""
    if index is None:
        return 0
    for i, b in enumerate((75.0, 62.5, 50.0, 37.5), start=1):
        if index >= b:
            return i
    return 5


def voice_layer(user: Any, wave: str = "") -> dict[str, dict[str, Any]]:
    """Per region (2-digit КАТО) of the user's scope: respondents and the index of the wave (protected)."""
    known = services.known_waves()
    wave = wave if wave in known else (known[0] if known else "")
    if not wave:
        return {}
    bins = list(scoped_employers(user).values_list("bin", flat=True))
    out: dict[str, dict[str, Any]] = {}
    for g in services.index_rows("region", wave, bins):
        out[g.key] = {
            "kato": g.key,
            "wave": wave,
            "total": g.respondents,
            "flagged": g.index,  # what the tooltip prints next to the respondents
            "index": g.index,
            "enough": g.enough,
            "share": None if g.index is None else 1 - g.index / 100,
            "share_class": index_class(g.index),
        }
    return out


def overlay_regions(user: Any, regions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The maps page's region rows with the index layer's figures."""
    try:
        layer = voice_layer(user)
    except services.Unavailable:
        layer = {}
    for r in regions:
        x = layer.get(str(r.get("kato")), {"total": 0, "flagged": None, "share": None, "share_class": 0})
        r.update({k: x[k] for k in ("total", "flagged", "share", "share_class")})
    return regions


@login_required
def regions_json(request: HttpRequest) -> HttpResponse:
    from django.http import JsonResponse

    try:
        layer = voice_layer(request.user, request.GET.get("wave", ""))
    except services.Unavailable as e:
        return JsonResponse({"error": str(e)}, status=503)
    wave = next(iter(layer.values()))["wave"] if layer else ""
    return JsonResponse({"wave": wave, "min_respondents": MIN_RESPONDENTS, "regions": list(layer.values())})
