"""Response: cases, the algorithm of actions (playbooks → dated tasks → escalation), measures taken and
their results, tripartite hearing proposals (Roadmap 2025–2026 items 6, 10, 13 and 1).

Framework-free: the web app (``labormap.web.cases``) stores cases and calls these functions.
"""

from labormap.response.bodies import BODIES, Body, next_body
from labormap.response.hearings import (
    HearingCandidate,
    HearingDecision,
    HearingProposal,
    follow_up_tasks,
    propose_hearings,
)
from labormap.response.measures import (
    MEASURE_KINDS,
    CaseRecord,
    Measure,
    MeasureSummary,
    MovedOut,
    moved_out_of_high,
    summarise,
)
from labormap.response.playbook import (
    NO_CONFLICT,
    Due,
    Playbook,
    PlaybookError,
    Rule,
    Step,
    Text,
    canonical_yaml,
    default_playbook,
    load_playbook_text,
    new_version,
    playbook_diff,
)
from labormap.response.selection import CaseFacts, Selection, select
from labormap.response.tasks import Escalation, TaskSpec, TaskState, due_date, escalation_for, plan_tasks
from labormap.response.workdays import DEFAULT_CALENDAR, WorkCalendar

__all__ = [
    "BODIES",
    "DEFAULT_CALENDAR",
    "MEASURE_KINDS",
    "NO_CONFLICT",
    "Body",
    "CaseFacts",
    "CaseRecord",
    "Due",
    "Escalation",
    "HearingCandidate",
    "HearingDecision",
    "HearingProposal",
    "Measure",
    "MeasureSummary",
    "MovedOut",
    "Playbook",
    "PlaybookError",
    "Rule",
    "Selection",
    "Step",
    "TaskSpec",
    "TaskState",
    "Text",
    "WorkCalendar",
    "canonical_yaml",
    "default_playbook",
    "due_date",
    "escalation_for",
    "follow_up_tasks",
    "load_playbook_text",
    "moved_out_of_high",
    "new_version",
    "next_body",
    "plan_tasks",
    "playbook_diff",
    "propose_hearings",
    "select",
    "summarise",
]
