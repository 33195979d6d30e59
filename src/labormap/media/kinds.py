"""Media signal kinds (agreed in INTERFACES.md) with their labels, priority and base severity."""

from __future__ import annotations

from dataclasses import dataclass

from labormap.reference.names import Trilingual


@dataclass(frozen=True, slots=True)
class SignalKind(Trilingual):
    code: str
    name_ru: str
    name_kk: str
    name_en: str
    severity: int  # base severity 0..3 before participants / deaths / money raise it


_K = SignalKind
KINDS: dict[str, SignalKind] = {
    k.code: k
    for k in [
        _K(
            "strike",
            "Забастовка или остановка работ",
            "Ереуіл немесе жұмысты тоқтату",
            "Strike or work stoppage",
            3,
        ),
        _K("hunger_strike", "Голодовка", "Аштық жариялау", "Hunger strike", 3),
        _K("rally", "Митинг или пикет", "Митинг немесе пикет", "Rally or picket", 2),
        _K(
            "appeal",
            "Коллективное или видеообращение",
            "Ұжымдық немесе бейнеүндеу",
            "Collective or video appeal",
            2,
        ),
        _K("strike_threat", "Угроза забастовки", "Ереуіл қаупі", "Threat of a strike", 2),
        _K(
            "wage_arrears",
            "Жалоба на задолженность по зарплате",
            "Жалақы берешегіне шағым",
            "Wage arrears complaint",
            1,
        ),
        _K("layoffs", "Сокращения", "Қысқартулар", "Layoffs", 1),
        _K(
            "conditions",
            "Условия труда или несчастный случай",
            "Еңбек жағдайы немесе жазатайым оқиға",
            "Working conditions or accident",
            1,
        ),
        _K("other_labour", "Другой трудовой вопрос", "Басқа еңбек мәселесі", "Other labour issue", 1),
        _K("not_labour", "Не трудовая тема", "Еңбекке қатысы жоқ", "Not labour", 0),
    ]
}

# When a publication reports several actions, the most intense one names it.
KIND_PRIORITY: tuple[str, ...] = (
    "hunger_strike",
    "strike",
    "rally",
    "strike_threat",
    "appeal",
    "wage_arrears",
    "layoffs",
    "conditions",
    "other_labour",
    "not_labour",
)
ACTION_KINDS = ("hunger_strike", "strike", "rally", "strike_threat", "appeal")
ISSUE_KINDS = ("wage_arrears", "layoffs", "conditions")
SEVERITY_BY_KIND: dict[str, int] = {k: v.severity for k, v in KINDS.items()}
