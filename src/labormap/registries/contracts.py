"""The registry contracts of DESIGN.md (plus police_cases, issue 13), defined once: ingest validates them, the simulator writes them,
``docs/registries.md`` is generated from them."""

from __future__ import annotations

from labormap.reference import (
    CAUSES,
    CONFLICT_KINDS,
    OKED_SECTIONS,
    OUTCOMES,
    PARTICIPANT_GROUPS,
    TERMINATION_GROUNDS,
)
from labormap.reference.regions import REGIONS
from labormap.registries.schema import Column, NotBefore, Registry, RequiredWith
from labormap.registries.schema import ColumnType as T

LEGAL_FORMS = ("TOO", "AO", "NAO", "IP", "GP", "GU", "PK", "KH", "FIL", "OO", "OTHER")
# Cyrillic abbreviations as they appear in real extracts -> canonical Latin codes
LEGAL_FORM_ALIASES = {
    "ТОО": "TOO",
    "АО": "AO",
    "НАО": "NAO",
    "ИП": "IP",
    "ГП": "GP",
    "ГКП": "GP",
    "РГП": "GP",
    "ГУ": "GU",
    "ПК": "PK",
    "КХ": "KH",
    "ФХ": "KH",
    "ФИЛИАЛ": "FIL",
    "ОО": "OO",
    "ЖШС": "TOO",
    "АҚ": "AO",
}
EMPLOYER_STATUSES = ("active", "suspended", "liquidating", "bankrupt", "liquidated")
CONTRACT_EVENT_TYPES = ("salary_change", "part_time_start", "part_time_end", "idle_start", "idle_end")
ENFORCEMENT_BASES = ("court_decision", "inspector_order", "notary_writ", "other")
ENFORCEMENT_STATUSES = ("open", "suspended", "closed_paid", "closed_other")
POLICE_DECISIONS = ("initiated", "refused", "terminated", "sent_to_court", "convicted")
POLICE_DECISION_ALIASES = {
    "возбуждено": "initiated",
    "зарегистрировано": "initiated",
    "отказано": "refused",
    "прекращено": "terminated",
    "направлено в суд": "sent_to_court",
    "осужден": "convicted",
}
AGREEMENT_LEVELS = ("general", "sectoral", "regional")
MEDIA_LANGS = ("ru", "kk", "other")
MEDIA_SOURCE_KINDS = ("news", "telegram", "social", "other")


def _employer(meaning: str = "employer's BIN") -> Column:
    return Column("employer_bin", T.BIN, True, meaning)


def _worker() -> Column:
    return Column("worker_iin", T.IIN, True, "worker's IIN (pseudonymised at ingest into worker_pid)")


def _reg(meaning: str, required: bool = True) -> Column:
    return Column("registered_on", T.DATE, required, meaning)


EMPLOYERS = Registry(
    name="employers",
    source="государственный реестр юридических лиц + профиль работодателя",
    row_is="an employer",
    key=("bin",),
    known_on="registered_on",
    employer_columns=("bin",),
    columns=(
        Column("bin", T.BIN, True, "business identification number"),
        Column("name", T.STR, True, "name in Russian"),
        Column("name_kk", T.STR, False, "name in Kazakh"),
        Column(
            "legal_form",
            T.CODE,
            True,
            "legal form",
            LEGAL_FORMS,
            LEGAL_FORM_ALIASES,
            rule="Cyrillic abbreviations (ТОО, АО, ИП…) are accepted",
        ),
        Column("oked", T.OKED, True, "main economic activity (ОКЭД)"),
        Column("kato", T.KATO, True, "location (КАТО)"),
        Column("lat", T.FLOAT, False, "latitude of the main site", min=40.0, max=56.0),
        Column("lon", T.FLOAT, False, "longitude of the main site", min=46.0, max=88.0),
        Column("status", T.CODE, True, "registration status", EMPLOYER_STATUSES),
        Column("registered_on", T.DATE, False, "state registration date"),
        Column("parent_bin", T.BIN, False, "parent company's BIN"),
        Column("holding", T.STR, False, "holding group the employer belongs to"),
        Column("union_present", T.BOOL, False, "a trade union organisation is present"),
        Column("accident_insurance", T.BOOL, False, "holds the compulsory accident insurance contract"),
        Column(
            "aliases",
            T.STR,
            False,
            "other names, `;`-separated: former names, brands, Latin names, abbreviations (media linking)",
        ),
    ),
)

CONTRACTS = Registry(
    name="contracts",
    source="ЕСУТД",
    row_is="a labour contract",
    key=("employer_bin", "worker_iin", "start_on"),
    known_on="registered_on",
    checks=(
        NotBefore("end_on", "start_on"),
        NotBefore("terminated_on", "start_on"),
        RequiredWith("termination_ground", "terminated_on"),
        NotBefore("termination_registered_on", "terminated_on"),
    ),
    columns=(
        _employer(),
        _worker(),
        Column("position", T.STR, False, "position (as in the staff list)"),
        Column("salary", T.MONEY, True, "monthly salary under the contract, KZT"),
        Column("work_rate", T.FLOAT, True, "share of a full-time rate", min=0.05, max=1.5),
        Column("hazardous", T.BOOL, False, "work with harmful or dangerous conditions"),
        Column(
            "grade", T.INT, False, "tariff grade (разряд) of the position in the pay system", min=1, max=30
        ),
        Column("start_on", T.DATE, True, "start of work"),
        Column("end_on", T.DATE, False, "agreed end of a fixed-term contract"),
        Column("terminated_on", T.DATE, False, "termination date"),
        Column(
            "termination_ground",
            T.CODE,
            False,
            "Labour Code ground of termination",
            tuple(TERMINATION_GROUNDS),
            rule="required when terminated_on is given",
        ),
        _reg("date the contract was entered into ЕСУТД"),
        Column("termination_registered_on", T.DATE, False, "date the termination was entered into ЕСУТД"),
    ),
)

CONTRACT_EVENTS = Registry(
    name="contract_events",
    source="ЕСУТД",
    row_is="an amendment to a labour contract",
    key=("employer_bin", "worker_iin", "event_type", "event_on"),
    known_on="registered_on",
    partition_month_of="event_on",
    columns=(
        _employer(),
        _worker(),
        Column("event_type", T.CODE, True, "kind of amendment", CONTRACT_EVENT_TYPES),
        Column("event_on", T.DATE, True, "date the amendment takes effect"),
        _reg("date the amendment was entered into ЕСУТД"),
        Column("salary", T.MONEY, False, "new monthly salary (salary_change)"),
        Column("work_rate", T.FLOAT, False, "new work rate (part-time transfer)", min=0.05, max=1.5),
    ),
)

PAYMENTS = Registry(
    name="payments",
    source="ЕНПФ / ГФСС / ФСМС (ОПВ, ОПВР, СО, ООСМС, ВОСМС)",
    row_is="one worker-month at one employer",
    key=("employer_bin", "worker_iin", "period"),
    known_on="paid_on",
    partition_month_of="period",
    columns=(
        _employer(),
        _worker(),
        Column("period", T.PERIOD, True, "income month"),
        Column("income", T.MONEY, True, "declared monthly income, KZT"),
        Column("opv", T.MONEY, False, "ОПВ paid (10% withheld from income)"),
        Column("opvr", T.MONEY, False, "ОПВР paid by the employer"),
        Column("so", T.MONEY, False, "СО paid by the employer"),
        Column("oosms", T.MONEY, False, "ООСМС paid by the employer"),
        Column("vosms", T.MONEY, False, "ВОСМС withheld from income"),
        Column("paid_on", T.DATE, True, "payment date (due by the 25th of the next month)"),
    ),
)

ARREARS = Registry(
    name="arrears",
    source="АИС «Охрана труда и безопасность» (labour inspection)",
    row_is="wage arrears found by an inspector",
    key=("case_id",),
    known_on="found_on",
    checks=(NotBefore("order_due_on", "found_on"), NotBefore("repaid_on", "found_on")),
    columns=(
        Column("case_id", T.STR, True, "inspection case number"),
        _employer(),
        Column("found_on", T.DATE, True, "date the arrears were found"),
        Column("amount_kzt", T.MONEY, True, "amount owed, KZT"),
        Column("workers", T.INT, True, "workers owed", min=1),
        Column("months", T.INT, True, "months of arrears", min=1, max=120),
        Column("order_no", T.STR, False, "inspector's order (предписание) number"),
        Column("order_due_on", T.DATE, False, "deadline of the order"),
        Column("repaid_on", T.DATE, False, "date the arrears were repaid in full"),
        Column("repaid_kzt", T.MONEY, False, "amount repaid, KZT"),
    ),
)

ENFORCEMENT = Registry(
    name="enforcement",
    source="Министерство юстиции, исполнительные производства",
    row_is="a wage-debt enforcement proceeding",
    key=("proceeding_id",),
    known_on="opened_on",
    checks=(NotBefore("closed_on", "opened_on"),),
    columns=(
        Column("proceeding_id", T.STR, True, "proceeding number"),
        _employer("debtor employer's BIN"),
        Column("opened_on", T.DATE, True, "date the proceeding was opened"),
        Column("basis", T.CODE, True, "enforcement document", ENFORCEMENT_BASES),
        Column("amount_kzt", T.MONEY, True, "amount to recover, KZT"),
        Column("collected_kzt", T.MONEY, False, "amount collected, KZT"),
        Column("workers", T.INT, False, "creditor workers", min=1),
        Column("status", T.CODE, True, "status", ENFORCEMENT_STATUSES),
        Column("closed_on", T.DATE, False, "date closed"),
        Column(
            "order_no",
            T.STR,
            False,
            "inspector's order (arrears.order_no) it enforces",
            rule="given when basis is inspector_order",
        ),
    ),
)

POLICE_CASES = Registry(
    name="police_cases",
    source="МВД: ЕРДР, уголовные дела о невыплате заработной платы",
    row_is="a criminal case on non-payment of wages",
    key=("case_no",),
    known_on="registered_on",
    checks=(NotBefore("decision_on", "registered_on"),),
    columns=(
        Column("case_no", T.STR, True, "ЕРДР registration number"),
        _employer("employer's BIN"),
        _reg("date registered in ЕРДР"),
        Column("article", T.STR, True, "article of the Criminal Code, e.g. 152 ч.3 УК РК"),
        Column(
            "decision",
            T.CODE,
            True,
            "latest procedural decision",
            POLICE_DECISIONS,
            POLICE_DECISION_ALIASES,
            rule="Russian wording (возбуждено, отказано, прекращено, направлено в суд, осужден) is accepted",
        ),
        Column("decision_on", T.DATE, False, "date of the latest decision"),
        Column("amount_kzt", T.MONEY, False, "unpaid wages in the case, KZT"),
        Column("order_no", T.STR, False, "inspector's order (arrears.order_no) the case follows"),
    ),
)

CONFLICTS = Registry(
    name="conflicts",
    source="реестр социально-трудовых конфликтов (МТСЗН)",
    row_is="a social-labour conflict",
    key=("conflict_id",),
    known_on="registered_on",
    checks=(NotBefore("ended_on", "started_on"), NotBefore("registered_on", "started_on")),
    columns=(
        Column("conflict_id", T.STR, True, "register number"),
        _employer("BIN of the employer where it happened"),
        Column("started_on", T.DATE, True, "start date"),
        Column("ended_on", T.DATE, False, "end date"),
        Column("kind", T.CODE, True, "form of the conflict", tuple(CONFLICT_KINDS)),
        Column("causes", T.CODES, True, "causes", tuple(CAUSES)),
        Column("participants", T.INT, True, "number of participants", min=1),
        Column("participant_group", T.CODE, False, "who took part", tuple(PARTICIPANT_GROUPS)),
        Column("demands", T.TEXT, False, "demands in words"),
        Column("outcome", T.CODE, False, "outcome", tuple(OUTCOMES)),
        _reg("date entered into the register (defaults to started_on)", required=False),
    ),
)

# An agreement is concluded for up to three years (Labour Code art. 157) and may be registered before
# it starts: its end date may lie up to six years after the ingest date, not the one year of events.
AGREEMENT_FUTURE_DAYS = 6 * 366

COLLECTIVE_AGREEMENTS = Registry(
    name="collective_agreements",
    source="реестр коллективных договоров",
    row_is="a collective agreement",
    key=("agreement_id",),
    known_on="registered_on",
    checks=(NotBefore("valid_to", "valid_from"),),
    columns=(
        Column("agreement_id", T.STR, True, "registration number"),
        _employer(),
        Column("union_name", T.STR, False, "trade union party"),
        Column("signed_on", T.DATE, True, "signing date"),
        Column("valid_from", T.DATE, True, "in force from"),
        Column("valid_to", T.DATE, True, "in force to", future_days=AGREEMENT_FUTURE_DAYS),
        Column("min_tariff_kzt", T.MONEY, False, "minimum tariff rate (1st grade), KZT"),
        Column("tariff_coefficients", T.STR, False, "inter-grade coefficients, e.g. 1.0;1.2;1.4"),
        Column("hazard_bonus_pct", T.FLOAT, False, "bonus for harmful conditions, %", min=0, max=100),
        _reg("date entered into the registry", required=False),
    ),
)

SECTOR_AGREEMENTS = Registry(
    name="sector_agreements",
    source="отраслевые и региональные соглашения",
    row_is="a sectoral, regional or general agreement",
    key=("agreement_id",),
    known_on="valid_from",
    employer_columns=(),
    checks=(NotBefore("valid_to", "valid_from"),),
    columns=(
        Column("agreement_id", T.STR, True, "registration number"),
        Column("level", T.CODE, True, "level of the agreement", AGREEMENT_LEVELS),
        Column("oked_section", T.CODE, False, "sector (ОКЭД section) it covers", tuple(OKED_SECTIONS)),
        Column(
            "oked_division",
            T.STR,
            False,
            "ОКЭД division (2 digits) when it covers one division of the section",
        ),
        Column("region", T.CODE, False, "region (2-digit КАТО) it covers", tuple(REGIONS)),
        Column("title", T.STR, False, "title"),
        Column("valid_from", T.DATE, True, "in force from"),
        Column("valid_to", T.DATE, True, "in force to", future_days=AGREEMENT_FUTURE_DAYS),
        Column("min_tariff_kzt", T.MONEY, True, "minimum tariff rate (1st grade), KZT"),
        Column("inter_grade_coefficient", T.FLOAT, False, "ratio between neighbouring grades", min=1, max=5),
        Column("hazard_bonus_pct", T.FLOAT, False, "minimum bonus for harmful conditions, %", min=0, max=100),
        Column("indexation_clause", T.BOOL, False, "provides for the indexation of wages"),
    ),
)

CONTRACTOR_LINKS = Registry(
    name="contractor_links",
    source="закупки крупных заказчиков (договоры услуг)",
    row_is="a service contract between a large customer and a contractor",
    key=("contract_id",),
    known_on="registered_on",
    employer_columns=("employer_bin", "customer_bin"),
    checks=(NotBefore("end_on", "start_on"),),
    columns=(
        Column("contract_id", T.STR, True, "procurement contract number"),
        Column("customer_bin", T.BIN, True, "customer's BIN"),
        _employer("contractor's BIN"),
        Column("service", T.STR, False, "service provided"),
        Column("start_on", T.DATE, True, "contract start"),
        Column("end_on", T.DATE, True, "contract end"),
        Column("workers", T.INT, False, "contractor workers on the contract", min=0),
        Column("amount_kzt", T.MONEY, False, "contract value, KZT"),
        _reg("date published in the procurement system", required=False),
    ),
)

_LIKERT = {"min": 1, "max": 5}
SURVEYS = Registry(
    name="surveys",
    source="социологические опросы работников",
    row_is="one anonymous answer sheet",
    key=("sheet_id",),
    known_on="answered_on",
    columns=(
        Column("sheet_id", T.STR, True, "answer sheet number"),
        _employer(),
        Column("wave", T.STR, True, "survey wave, YYYY-H1 or YYYY-H2", rule="pattern YYYY-H1|YYYY-H2"),
        Column("answered_on", T.DATE, True, "date answered"),
        Column("q_pay", T.INT, False, "satisfied with pay (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_pay_on_time", T.INT, False, "pay arrives on time (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_conditions", T.INT, False, "satisfied with working conditions (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_safety", T.INT, False, "feels safe at work (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_management", T.INT, False, "trusts management (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_job_security", T.INT, False, "feels the job is secure (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_voice", T.INT, False, "can raise problems without fear (1–5)", **_LIKERT),  # type: ignore[arg-type]
        Column("q_protest", T.INT, False, "would join a collective protest (1–5, 5 = surely)", **_LIKERT),  # type: ignore[arg-type]
    ),
)

MEDIA_ITEMS = Registry(
    name="media_items",
    source="новостные сайты, социальные сети, мессенджеры",
    row_is="one publication",
    key=("id",),
    known_on="published_at",
    employer_columns=(),
    partition_month_of="published_at",
    columns=(
        Column("id", T.STR, True, "publication identifier (unique per source)"),
        Column("published_at", T.TIMESTAMP, True, "publication time"),
        Column("source", T.STR, True, "outlet or channel"),
        Column("url", T.STR, False, "address of the publication"),
        Column("title", T.TEXT, False, "headline"),
        Column("text", T.TEXT, True, "body text"),
        Column("lang", T.CODE, False, "language when known", MEDIA_LANGS),
        Column("source_kind", T.CODE, False, "kind of source", MEDIA_SOURCE_KINDS),
    ),
)

REGISTRIES: dict[str, Registry] = {
    r.name: r
    for r in (
        EMPLOYERS,
        CONTRACTS,
        CONTRACT_EVENTS,
        PAYMENTS,
        ARREARS,
        ENFORCEMENT,
        POLICE_CASES,
        CONFLICTS,
        COLLECTIVE_AGREEMENTS,
        SECTOR_AGREEMENTS,
        CONTRACTOR_LINKS,
        SURVEYS,
        MEDIA_ITEMS,
    )
}
