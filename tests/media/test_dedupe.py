from datetime import datetime, timedelta

from labormap.media.dedupe import cluster, story_id_for

BASE = (
    "Более 450 водителей и машинистов ТОО «Каспий ТрансСервис» в Жанаозене с утра четверга отказались "
    "выходить на линию. Работники требуют повышения заработной платы и перевода в штат заказчика. "
    "По данным акимата, переговоры с коллективом начнутся в обед."
)
T0 = datetime(2025, 1, 9, 8, 0)


def test_reprints_become_one_story_named_by_the_earliest() -> None:
    reprint = (
        "Сообщает наш корреспондент. " + BASE.replace("с утра четверга", "утром") + " Следите за новостями."
    )
    other = (
        "В Павлодаре открылся новый каток на набережной. Вход свободный, коньки можно взять напрокат. "
        "Каток будет работать до конца марта."
    )
    ids = ["b", "a", "c"]
    stories = cluster(ids, [reprint, BASE, other], [T0 + timedelta(hours=2), T0, T0])
    assert stories[0] == stories[1] == story_id_for("a")
    assert stories[2] == story_id_for("c")


def test_same_text_far_apart_in_time_is_a_new_story() -> None:
    stories = cluster(["a", "b"], [BASE, BASE], [T0, T0 + timedelta(days=30)])
    assert stories[0] != stories[1]


def test_story_ids_are_stable_across_runs() -> None:
    first = cluster(["a", "b"], [BASE, BASE + " Обновлено."], [T0, T0])
    again = cluster(["b", "a"], [BASE + " Обновлено.", BASE], [T0, T0])
    assert first[0] == again[1] == story_id_for("a")


def test_short_texts_are_never_merged() -> None:
    stories = cluster(["a", "b"], ["Забастовка!", "Забастовка!"], [T0, T0])
    assert stories[0] != stories[1]
