"""Publications in Russian and Kazakh: signals before and around conflicts, amid a larger flow of other news.

Each labour item is written from templates in the manner of its outlet — a news site (headline, several
sentences, an official's comment), a Telegram channel (short, urgent), a social-media post (first person,
often without the company's full name). Employers are named in full, by their brand, by an abbreviation
or only by town and trade, so linking a publication to a BIN is a real task. The unrelated flow includes
hard negatives: strikes abroad, the word «забастовка» in sport and history, companies' business news.

The truth file (``truth/media.parquet``) keeps, for every item, its kind (the media signal codes agreed in
docs/architecture.md), the employer and conflict it is about, and how the employer was mentioned.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from labormap.simulate import geo
from labormap.simulate.dynamics import CAUSE_CODES, KINDS, Plan
from labormap.simulate.sectors import SECTORS
from labormap.simulate.timeline import Timeline
from labormap.simulate.world import World

EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    slug: str
    kind: str  # news, telegram, social
    lang: str  # ru, kk, mixed
    regions: tuple[str, ...]  # empty = national
    url: str


SOURCES: tuple[Source, ...] = (
    Source("Qaz Daily", "qazdaily", "news", "ru", (), "https://qazdaily.kz/news/"),
    Source("БизнесКаз", "bizkaz", "news", "ru", (), "https://bizkaz.kz/articles/"),
    Source("Ел Ақпарат", "elaqparat", "news", "kk", (), "https://el-aqparat.kz/kk/"),
    Source("Актау Таймс", "aktautimes", "news", "ru", ("47",), "https://aktau-times.kz/"),
    Source("Жайық Пресс", "zhaiyk", "news", "mixed", ("23", "27"), "https://zhaiyk-press.kz/"),
    Source("Караганда Сегодня", "krgtoday", "news", "ru", ("35", "62"), "https://krg-today.kz/"),
    Source("Ertis Media", "ertis", "news", "ru", ("55", "63", "10"), "https://ertismedia.kz/"),
    Source("Оңтүстік Жаңалықтары", "ontustik", "news", "kk", ("61", "79", "31"), "https://ontustik-news.kz/"),
    Source("Северный Вестник", "sevvest", "news", "ru", ("11", "39", "59", "71"), "https://sev-vestnik.kz/"),
    Source("Алатау Ньюс", "alatau", "news", "mixed", ("75", "19", "33"), "https://alatau-news.kz/"),
    Source("Батыс Инфо", "batys", "news", "mixed", ("15", "27", "43"), "https://batys-info.kz/"),
    Source(
        "t.me/mangystau_online",
        "tg_mangystau",
        "telegram",
        "mixed",
        ("47",),
        "https://t.me/mangystau_online/",
    ),
    Source("t.me/atyrau_24", "tg_atyrau", "telegram", "mixed", ("23",), "https://t.me/atyrau_24/"),
    Source(
        "t.me/karaganda_live", "tg_karaganda", "telegram", "ru", ("35", "62"), "https://t.me/karaganda_live/"
    ),
    Source("t.me/kz_trud_news", "tg_trud", "telegram", "ru", (), "https://t.me/kz_trud_news/"),
    Source("t.me/qazaq_jangalyq", "tg_jangalyq", "telegram", "kk", (), "https://t.me/qazaq_jangalyq/"),
    Source(
        "t.me/shymkent_info", "tg_shymkent", "telegram", "mixed", ("79", "61"), "https://t.me/shymkent_info/"
    ),
    Source("Соцсети: жители города", "social_town", "social", "mixed", (), ""),
    Source("Соцсети: рабочие вахты", "social_vahta", "social", "mixed", ("47", "23", "27", "15", "43"), ""),
)

# --- templates ----------------------------------------------------------------------------------------
# {who}: the employer as mentioned; {town}: town; {n}: workers; {m}: months; {amt}: millions of tenge;
# {pct}: raise demanded; {trade}: what the employer does.

RU: dict[str, tuple[tuple[str, str], ...]] = {
    "wage_arrears": (
        (
            "Работники {who} жалуются на задержку зарплаты",
            "Сотрудники {who} в городе {town} сообщают, что не получают зарплату уже {m} мес. По их словам, долг перед коллективом превышает {amt} млн тенге. В компании ситуацию не комментируют.",
        ),
        (
            "Зарплату не платят {m} мес.: обращение рабочих (г. {town})",
            "Около {n} работников {who} обратились в редакцию. «Мы работаем, а денег нет с весны, семьи кормить нечем», — рассказал один из них. Департамент по труду обещал провести проверку.",
        ),
        (
            "Долги по зарплате: инспекция проверяет {who}",
            "Инспекция труда начала проверку в {who} после жалоб работников на невыплату заработной платы за {m} мес. Сумма задолженности уточняется.",
        ),
    ),
    "strike_threat": (
        (
            "Рабочие {who} грозят забастовкой",
            "Работники {who} ({town}) заявили, что прекратят работу, если до конца месяца им не повысят зарплату на {pct}%. Руководство предприятия пока не ответило на требования.",
        ),
        (
            "«Остановим работу»: коллектив {who} выдвинул требования",
            "Коллектив {who} направил письмо руководству и акимату. Рабочие требуют {demand}. В противном случае они не исключают остановки работ.",
        ),
    ),
    "appeal": (
        (
            "Видеообращение работников {who}",
            "В сети распространилось видео, в котором около {n} работников {who} обращаются к акиму области и министру труда. Они просят {demand}.",
        ),
        (
            "Рабочие в городе {town} записали обращение к властям",
            "Сотрудники {trade} записали коллективное обращение: {demand_lc}. В акимате заявили, что ситуация на контроле.",
        ),
    ),
    "layoffs": (
        (
            "{who} сокращает персонал",
            "В {who} объявлено о сокращении штата: под него могут попасть до {n} человек. Работники опасаются остаться без средств к существованию.",
        ),
        (
            "Массовые сокращения у подрядчика в городе {town}",
            "После завершения контракта подрядная организация {who} уведомила работников о сокращении. По данным профсоюза, речь идёт о {n} сотрудниках.",
        ),
    ),
    "strike": (
        (
            "Работники {who} прекратили работу",
            "В городе {town} около {n} работников {who} отказались выходить на смену. Они требуют {demand_lc}. На месте работают представители акимата и инспекции труда.",
        ),
        (
            "Забастовка в городе {town}: {n} человек не вышли на работу",
            "Сотрудники {trade} {who} остановили работу. Главное требование — {demand_lc}. Представители компании ведут переговоры с коллективом.",
        ),
        (
            "Остановка работ на месторождении",
            "Более {n} работников {who} не приступили к работе, требуя {demand_lc}. В акимате района создана рабочая группа.",
        ),
    ),
    "hunger_strike": (
        (
            "Работники {who} объявили голодовку",
            "{n} сотрудников {who} в городе {town} объявили голодовку, требуя погасить долги по зарплате за {m} мес.",
        ),
    ),
    "rally": (
        (
            "Сход работников {who} у здания акимата",
            "Около {n} работников {who} собрались у здания акимата в городе {town}. Они требуют {demand_lc}. К собравшимся вышел заместитель акима.",
        ),
    ),
    "resolution": (
        (
            "Конфликт в {who} урегулирован",
            "Руководство {who} и представители работников достигли договорённости. {resolution} Работа возобновлена.",
        ),
        (
            "В {who} погасили долги по зарплате",
            "По информации департамента по труду, задолженность перед работниками {who} погашена. Трудовой коллектив вернулся к работе.",
        ),
    ),
    "dispute": (
        (
            "Коллективный трудовой спор в {who}",
            "Профсоюз {who} инициировал коллективный трудовой спор. Создана согласительная комиссия, стороны обсуждают {demand_lc}.",
        ),
    ),
    "conditions": (
        (
            "Работники {who} жалуются на условия труда",
            "Сотрудники {who} сообщают о нехватке спецодежды и плохих условиях в вахтовом посёлке. Инспекция труда проводит проверку.",
        ),
        (
            "Несчастный случай на производстве в городе {town}",
            "На объекте {who} пострадал работник. Работники говорят о нарушениях техники безопасности.",
        ),
    ),
    "employer_news": (
        (
            "{who} запустил новую производственную линию",
            "В городе {town} {who} ввёл в эксплуатацию новое оборудование. Создано {n} рабочих мест.",
        ),
        (
            "{who} подвёл итоги года",
            "Компания {who} увеличила объём производства и планирует расширение. Руководство отметило вклад трудового коллектива.",
        ),
        (
            "{who} и профсоюз подписали коллективный договор",
            "В {who} подписан новый коллективный договор на три года. Документ предусматривает индексацию зарплаты и социальные гарантии.",
        ),
        (
            "{who} выиграл тендер",
            "{who} стал победителем тендера на оказание услуг. Контракт рассчитан на два года.",
        ),
    ),
}

KK: dict[str, tuple[tuple[str, str], ...]] = {
    "wage_arrears": (
        (
            "{who} қызметкерлері жалақы кешіктірілгеніне шағымданады",
            "{town_loc} орналасқан {who} қызметкерлері жалақыны {m} ай бойы ала алмай жүргенін айтады. Берешек {amt} млн теңгеден асады.",
        ),
        (
            "Жұмысшылар {m} айдан бері жалақы алмаған",
            "{who} кәсіпорнының {n} жұмысшысы редакцияға хабарласты. Еңбек инспекциясы тексеру жүргізетінін мәлімдеді.",
        ),
    ),
    "strike_threat": (
        (
            "{who} жұмысшылары ереуілге шығамыз деп отыр",
            "{who} жұмысшылары жалақыны {pct} пайызға көтеруді талап етіп, әйтпесе жұмысты тоқтататынын мәлімдеді.",
        ),
    ),
    "appeal": (
        (
            "{who} қызметкерлері бейнеүндеу жариялады",
            "Әлеуметтік желіде {who} компаниясының {n} жұмысшысы облыс әкіміне үндеу жолдаған бейне тарады. Олар {demand_kk} сұрайды.",
        ),
    ),
    "layoffs": (
        (
            "{who} қызметкерлерді қысқартады",
            "{who} штатты қысқарту туралы хабарлады. Жұмыссыз қалуы мүмкін {n} адам алаңдаулы.",
        ),
    ),
    "strike": (
        (
            "{town_loc} {n} жұмысшы жұмысты тоқтатты",
            "{who} жұмысшылары ауысымға шықпай, {demand_kk} талап етуде. Оқиға орнында әкімдік пен еңбек инспекциясының өкілдері жұмыс істеп жатыр.",
        ),
        (
            "{who} компаниясында ереуіл",
            "{n} жұмысшы жалақыны көтеруді талап етіп, жұмысқа шықпады. Компания басшылығы ұжыммен келіссөз жүргізуде.",
        ),
    ),
    "hunger_strike": (
        (
            "{who} жұмысшылары аштық жариялады",
            "{town_loc} {who} компаниясының {n} жұмысшысы {m} айлық жалақы берешегін өтеуді талап етіп, аштық жариялады.",
        ),
    ),
    "rally": (
        (
            "Жұмысшылар әкімдік алдына жиналды",
            "{who} компаниясының {n} жұмысшысы {town_loc} әкімдік ғимаратының алдына жиналды. Олар {demand_kk} талап етеді.",
        ),
    ),
    "resolution": (
        (
            "{who} компаниясындағы дау шешілді",
            "Тараптар келісімге келді, жұмыс қайта басталды. {resolution_kk}",
        ),
    ),
    "dispute": (
        (
            "{who} кәсіпорнында ұжымдық еңбек дауы",
            "Кәсіподақ ұжымдық еңбек дауын бастады. Татуластыру комиссиясы құрылды.",
        ),
    ),
    "conditions": (
        (
            "{who} жұмысшылары еңбек жағдайына наразы",
            "Жұмысшылар арнайы киімнің жетіспеушілігі мен вахталық кенттегі жағдайға шағымданады.",
        ),
    ),
    "employer_news": (
        (
            "{who} жаңа өндірістік желіні іске қосты",
            "{town_loc} {who} жаңа жабдықты пайдалануға берді. {n} жұмыс орны ашылды.",
        ),
        (
            "{who} ұжымдық шартқа қол қойды",
            "{who} және кәсіподақ үш жылға арналған жаңа ұжымдық шартқа қол қойды.",
        ),
    ),
}

TELEGRAM_PREFIX = ("❗️", "⚡️", "СРОЧНО:", "", "", "🔴", "#труд")
SOCIAL_RU = (
    "Люди, помогите распространить! {body}",
    "Пишу от имени всей бригады. {body} Сколько можно терпеть?",
    "{body} Никто не реагирует, начальство молчит.",
    "Сил уже нет. {body}",
)
SOCIAL_KK = (
    "Таратыңыздаршы! {body}",
    "{body} Ешкім жауап бермейді.",
    "Бүкіл бригада атынан жазып отырмын. {body}",
)

DEMAND_RU = {
    "wage_level": "повысить зарплату на {pct}%",
    "wage_arrears": "погасить долги по зарплате",
    "layoffs": "отменить сокращения",
    "transfer_to_parent": "перевести их в штат компании-заказчика",
    "pay_gap": "выровнять оплату труда с работниками заказчика",
    "working_conditions": "улучшить условия труда",
    "management": "сменить руководство участка",
    "social_package": "пересмотреть вахтовые надбавки",
}
DEMAND_KK = {
    "wage_level": "жалақыны {pct} пайызға көтеруді",
    "wage_arrears": "жалақы берешегін өтеуді",
    "layoffs": "қысқартуды тоқтатуды",
    "transfer_to_parent": "тапсырыс беруші компанияның штатына ауыстыруды",
    "pay_gap": "жалақыдағы алшақтықты жоюды",
    "working_conditions": "еңбек жағдайын жақсартуды",
    "management": "басшылықты ауыстыруды",
    "social_package": "вахталық үстемеақыны қайта қарауды",
}
RESOLUTION_RU = (
    "Зарплата будет повышена на {pct2}%.",
    "Долги по зарплате погашены.",
    "Сокращения отложены.",
    "Стороны создали рабочую группу.",
)
RESOLUTION_KK = (
    "Жалақы {pct2} пайызға көтеріледі.",
    "Жалақы берешегі өтелді.",
    "Тараптар жұмыс тобын құрды.",
)

TRADE_RU = {
    "oil_gas": "нефтесервисной компании",
    "mining": "горнодобывающего предприятия",
    "construction": "строительной компании",
    "transport": "транспортной компании",
    "business_services": "сервисной компании",
    "hospitality": "компании общепита",
    "manufacturing": "завода",
    "energy_utilities": "коммунального предприятия",
    "trade": "торговой сети",
    "agriculture": "сельхозпредприятия",
    "education": "учебного заведения",
    "health": "медицинского учреждения",
    "public_admin": "госучреждения",
    "ict_finance": "компании",
    "other_services": "компании",
}

# The same trades in the genitive plural, for «one of the … companies».
TRADE_RU_PLURAL = {
    "oil_gas": "нефтесервисных компаний",
    "mining": "горнодобывающих предприятий",
    "construction": "строительных компаний",
    "transport": "транспортных компаний",
    "business_services": "сервисных компаний",
    "hospitality": "компаний общепита",
    "manufacturing": "заводов",
    "energy_utilities": "коммунальных предприятий",
    "trade": "торговых сетей",
    "agriculture": "сельхозпредприятий",
    "education": "учебных заведений",
    "health": "медицинских учреждений",
    "public_admin": "госучреждений",
    "ict_finance": "компаний",
    "other_services": "компаний",
}

# Unrelated news: (lang, title, text). Hard negatives carry labour words without a Kazakhstani labour conflict.
UNRELATED_RU = (
    (
        "Курс тенге на сегодня",
        "Национальный банк установил официальный курс. Аналитики ожидают {adj} колебаний на этой неделе.",
    ),
    (
        "Прогноз погоды: {weather}",
        "Синоптики обещают {weather} в большинстве регионов. В горах возможен сход лавин.",
    ),
    (
        "ФК «Кайрат» одержал победу",
        "В матче чемпионата Казахстана хозяева поля забили {k} мяча. Болельщики устроили праздник.",
    ),
    ("Цены на бензин выросли", "На заправках {town} подорожал бензин марки АИ-92. Водители недовольны."),
    (
        "Полиция задержала мошенников",
        "В городе {town} задержаны подозреваемые в интернет-мошенничестве. Ущерб составил {k} млн тенге.",
    ),
    (
        "Забастовка авиадиспетчеров во Франции",
        "Из-за забастовки во Франции отменены сотни рейсов. Казахстанцев предупреждают о возможных задержках.",
    ),
    (
        "В Южной Корее бастуют работники автозавода",
        "Профсоюз крупного автопроизводителя объявил забастовку. Эксперты оценивают последствия для поставок.",
    ),
    (
        "Цены на нефть: Brent торгуется у отметки ${k}0",
        "Стоимость нефти снизилась на фоне данных о запасах в США.",
    ),
    (
        "Открылась новая школа на 1200 мест",
        "В городе {town} открылась новая школа. На церемонии присутствовал аким.",
    ),
    (
        "Годовщина событий 2011 года",
        "Жители вспоминают трагические события в Жанаозене. Историки обсуждают уроки тех лет.",
    ),
    (
        "«Барыс» проиграл в овертайме",
        "Хоккеисты устроили настоящую «забастовку» в обороне и пропустили {k} шайбы.",
    ),
    (
        "Фестиваль народного творчества",
        "В городе {town} прошёл фестиваль. Участники представили национальные костюмы.",
    ),
    (
        "Ярмарка вакансий собрала сотни соискателей",
        "Работодатели {town} предложили более {k}00 вакансий. Центр занятости приглашает всех желающих.",
    ),
    (
        "Минтруда: средняя зарплата выросла",
        "По данным статистики, номинальная зарплата выросла за год. Реальные доходы увеличились.",
    ),
    (
        "ДТП на трассе",
        "На трассе у города {town} столкнулись два автомобиля. Пострадавшие доставлены в больницу.",
    ),
    (
        "Маслихат утвердил бюджет",
        "Депутаты маслихата утвердили бюджет на следующий год. Основная часть расходов пойдёт на социальную сферу.",
    ),
)
UNRELATED_KK = (
    (
        "Бүгінгі теңге бағамы",
        "Ұлттық банк ресми бағамды белгіледі. Сарапшылар аптаның соңына дейін {adj} ауытқу күтеді.",
    ),
    ("Ауа райы болжамы", "Синоптиктер {weather_kk} болатынын ескертті."),
    ("«Қайрат» жеңіске жетті", "Қазақстан чемпионатындағы ойында команда {k} гол соқты."),
    ("Жаңа мектеп ашылды", "{town_loc} 1200 орындық жаңа мектеп ашылды."),
    ("Францияда әуе диспетчерлері ереуілге шықты", "Ереуілге байланысты жүздеген рейс тоқтатылды."),
    ("Бос жұмыс орындарының жәрмеңкесі", "{town_loc} жұмыс берушілер {k}00-ден астам бос орын ұсынды."),
    ("Жол апаты", "{town_loc} маңындағы тасжолда екі көлік соқтығысты."),
    ("Мәслихат бюджетті бекітті", "Депутаттар келесі жылға арналған бюджетті бекітті."),
)
WEATHER = ("снег и метель", "жару до +40", "сильный ветер", "похолодание", "дожди")
WEATHER_KK = ("қар мен боран", "аптап ыстық", "қатты жел", "суық")

MEDIA_KIND = {
    "wage_arrears": "wage_arrears",
    "strike_threat": "strike_threat",
    "appeal": "appeal",
    "layoffs": "layoffs",
    "strike": "strike",
    "hunger_strike": "hunger_strike",
    "rally": "rally",
    "resolution": "other_labour",
    "dispute": "other_labour",
    "conditions": "conditions",
    "employer_news": "not_labour",
    "unrelated": "not_labour",
}
CONFLICT_TOPIC = {
    "strike": "strike",
    "work_stoppage": "strike",
    "blockade": "strike",
    "hunger_strike": "hunger_strike",
    "rally": "rally",
    "collective_appeal": "appeal",
    "collective_dispute": "dispute",
}


def kk_locative(word: str) -> str:
    """Kazakh locative case of a place name (vowel harmony, voicing): Ақтау → Ақтауда, Жаңаөзен → Жаңаөзенде."""
    back = set("аоұыяу")
    front = set("әеөүіиэ")
    vowel = next((ch for ch in reversed(word.lower()) if ch in back | front), "а")
    voiceless = word[-1].lower() in "кқпстфхшщцч"
    return word + ("т" if voiceless else "д") + ("а" if vowel in back else "е")


def _abbr(brand: str) -> str:
    words = [w for w in brand.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0].upper() for w in words)[:4] if len(words) >= 2 else brand


class _Writer:
    def __init__(self, world: World, tl: Timeline, rng: np.random.Generator, params: dict[str, Any]) -> None:
        self.world, self.tl, self.rng = world, tl, rng
        self.kk_share = float(params["media.kazakh_share"])
        self.rows: dict[str, list[Any]] = {
            k: []
            for k in (
                "id",
                "ts",
                "source",
                "url",
                "title",
                "text",
                "lang",
                "source_kind",
                "kind",
                "topic",
                "employer_bin",
                "conflict",
                "mention",
            )
        }
        self.by_region: dict[str, list[int]] = {r: [] for r in geo.REGION_CODES}
        self.national = [i for i, s in enumerate(SOURCES) if not s.regions]
        for i, s in enumerate(SOURCES):
            for r in s.regions:
                self.by_region[r].append(i)
        self.seq = 0

    def pick_source(self, region: str | None, lang: str, prefer: str | None = None) -> Source:
        cands = list(self.national) + (self.by_region.get(region, []) * 2 if region else [])
        cands = [i for i in cands if SOURCES[i].lang in (lang, "mixed") or SOURCES[i].kind == "social"]
        if prefer:
            pref = [i for i in cands if SOURCES[i].kind == prefer]
            cands = pref or cands
        return SOURCES[cands[int(self.rng.integers(0, len(cands)))]]

    def mention(self, e: int, lang: str) -> tuple[str, str]:
        w = self.world
        u = self.rng.random()
        brand = w.brand[e]
        if u < 0.35:
            return (w.name_ru[e] if lang == "ru" else w.name_kk[e]), "name"
        if u < 0.7:
            return f"«{brand}»", "brand"
        if u < 0.82 and _abbr(brand) != brand:
            return _abbr(brand), "abbr"
        if lang == "ru":
            return f"одной из {TRADE_RU_PLURAL[SECTORS[w.sector[e]].code]}", "anon"
        return "бір компанияның", "anon"

    def add(
        self,
        day: int,
        src: Source,
        title: str,
        text: str,
        lang: str,
        topic: str,
        e: int | None,
        conflict: str | None,
        mention: str,
    ) -> None:
        self.seq += 1
        secs = int(self.rng.integers(6 * 3600, 23 * 3600))
        item_id = f"{src.slug}-{self.seq:08d}"
        if src.kind == "telegram":
            title_out: str | None = None
            pre = TELEGRAM_PREFIX[int(self.rng.integers(0, len(TELEGRAM_PREFIX)))]
            text = f"{pre} {title}. {text.split('. ')[0]}.".strip()
        elif src.kind == "social":
            title_out = None
            tpl = SOCIAL_RU if lang == "ru" else SOCIAL_KK
            text = tpl[int(self.rng.integers(0, len(tpl)))].format(body=text)
        else:
            title_out = title
        url = f"{src.url}{self.seq}" if src.url else None
        self.rows["id"].append(item_id)
        self.rows["ts"].append(day * 86400 + secs)
        self.rows["source"].append(src.name)
        self.rows["url"].append(url)
        self.rows["title"].append(title_out)
        self.rows["text"].append(text)
        self.rows["lang"].append(lang)
        self.rows["source_kind"].append(src.kind)
        self.rows["kind"].append(MEDIA_KIND[topic])
        self.rows["topic"].append(topic)
        self.rows["employer_bin"].append(self.world.bin[e] if e is not None else None)
        self.rows["conflict"].append(conflict)
        self.rows["mention"].append(mention)

    def labour(
        self,
        day: int,
        topic: str,
        e: int,
        fields: dict[str, Any],
        conflict: str | None,
        prefer: str | None = None,
    ) -> None:
        w = self.world
        lang = "kk" if self.rng.random() < self.kk_share else "ru"
        bank = KK if lang == "kk" else RU
        if topic not in bank:
            lang, bank = "ru", RU
        tpls = bank[topic]
        title, body = tpls[int(self.rng.integers(0, len(tpls)))]
        who, how = self.mention(e, lang)
        town = geo.TOWNS[w.town[e]]
        values = dict(fields)
        values.update(
            who=who,
            who_nom=who.replace("одной из", "одна из").replace("бір компанияның", "бір компания"),
            town=town.name_ru if lang == "ru" else town.name_kk,
            town_loc=kk_locative(town.name_kk),
            trade=TRADE_RU[SECTORS[w.sector[e]].code],
        )
        src = self.pick_source(geo.REGION_CODES[w.region[e]], lang, prefer)
        self.add(
            day,
            src,
            _fmt(_subject(title, how), values),
            _fmt(_subject(body, how), values),
            lang,
            topic,
            e,
            conflict,
            how,
        )


def _subject(template: str, how: str) -> str:
    """An unnamed employer opening a sentence is its subject: «Одна из …», «Бір компания»."""
    if how != "anon" or not template.startswith("{who}"):
        return template
    return template.replace("{who}", "{who_nom}", 1)


def _fmt(template: str, values: dict[str, Any]) -> str:
    out = template.format(**values)
    return out[:1].upper() + out[1:]


def generate(
    world: World, plan: Plan, tl: Timeline, params: dict[str, Any], conflict_truth_ids: list[str], seed: int
) -> tuple[pa.Table, pa.Table]:
    rng = np.random.default_rng([seed, 30])
    wr = _Writer(world, tl, rng, params)
    month_start = (tl.month_start(np.arange(tl.n + 1)) - EPOCH).astype(np.int64)
    extract = int(month_start[-1] - 1)
    first = int(month_start[0])
    c = plan.conflicts
    pre_mean = float(params["media.pre_conflict_items"])
    around_mean = float(params["media.conflict_items"])
    for i in range(c.employer.size):
        e = int(c.employer[i])
        t = int(c.month[i])
        start = int(month_start[t] + c.day[i] - 1)
        kind = KINDS[int(c.kind[i])]
        causes = [CAUSE_CODES[j] for j in c.causes[i]]
        pct = int(c.demand_raise[i])
        fields = {
            "n": int(c.participants[i]),
            "m": max(int(c.arrears_months[i]), 1),
            "pct": pct,
            "pct2": max(pct // 4, 5),
            "amt": max(1, round(float(plan.arrears_owed[e, t]) / 1e6)),
            "demand": "; ".join(DEMAND_RU[x].format(pct=pct) for x in causes),
            "demand_lc": "; ".join(DEMAND_RU[x].format(pct=pct) for x in causes),
            "demand_kk": ", ".join(DEMAND_KK[x].format(pct=pct) for x in causes),
        }
        fields["resolution"] = RESOLUTION_RU[int(rng.integers(0, len(RESOLUTION_RU)))].format(**fields)
        fields["resolution_kk"] = RESOLUTION_KK[int(rng.integers(0, len(RESOLUTION_KK)))].format(**fields)
        coverage = float(
            np.clip(
                0.3
                + 0.2 * np.log10(max(int(c.participants[i]), 1))
                + 0.4 * (kind in ("strike", "work_stoppage", "blockade", "hunger_strike")),
                0.1,
                1.6,
            )
        )
        cid = conflict_truth_ids[i]
        # before: complaints, threats, appeals, announced layoffs
        for _ in range(int(rng.poisson(pre_mean * coverage))):
            day = start - int(rng.integers(2, 50))
            if day < first:
                continue
            options = ["strike_threat", "appeal"]
            if "wage_arrears" in causes:
                options += ["wage_arrears", "wage_arrears"]
            if "layoffs" in causes or "transfer_to_parent" in causes:
                options.append("layoffs")
            if "working_conditions" in causes:
                options.append("conditions")
            topic = options[int(rng.integers(0, len(options)))]
            wr.labour(day, topic, e, fields, cid, prefer="social" if rng.random() < 0.35 else None)
        # around: the conflict itself, then how it ended
        topic = CONFLICT_TOPIC[kind]
        for k in range(max(1, int(rng.poisson(around_mean * coverage)))):
            day = start + (0 if k == 0 else int(rng.integers(0, max(int(c.duration[i]), 1) + 3)))
            if day > extract:
                continue
            wr.labour(
                day, topic, e, fields, cid, prefer="telegram" if k == 0 and rng.random() < 0.5 else None
            )
        end = start + int(c.duration[i]) + int(rng.integers(0, 5))
        if end <= extract and rng.random() < 0.6:
            wr.labour(end, "resolution", e, fields, cid)
    # complaints at employers with high grievance and no conflict (yet)
    gi = float(params["media.grievance_items"])
    high = plan.grievance > 2.5
    emp, mon = np.nonzero(high & (rng.random(plan.grievance.shape) < gi))
    for e, t in zip(emp.tolist(), mon.tolist(), strict=True):
        topic = (
            "wage_arrears" if plan.arrears[e, t] else ("layoffs" if plan.layoffs[e, t] > 0 else "conditions")
        )
        fields = {
            "n": int(max(plan.staff[e, t] // 4, 3)),
            "m": max(int(plan.arrears_months[e, t]), 1),
            "pct": 50,
            "amt": max(1, round(float(plan.arrears_owed[e, t]) / 1e6)),
            "demand": "",
            "demand_lc": "",
            "demand_kk": "",
        }
        wr.labour(int(month_start[t] + rng.integers(0, 28)), topic, e, fields, None, prefer="social")
    # business news about large employers (they mention employers but are not about labour)
    big = np.flatnonzero(world.size_class >= 2)
    for e in big.tolist():
        for _ in range(int(rng.poisson(0.25 * tl.n / 12))):
            t = int(rng.integers(0, tl.n))
            if plan.staff[e, t] == 0:
                continue
            fields = {"n": int(rng.integers(10, 200))}
            wr.labour(int(month_start[t] + rng.integers(0, 28)), "employer_news", e, fields, None, prefer="")
    # the unrelated flow
    per_month = float(params["media.unrelated_per_month"]) * max(1.0, (world.n / 3000) ** 0.5)
    towns = geo.TOWNS
    for t in range(tl.n):
        for _ in range(int(rng.poisson(per_month))):
            lang = "kk" if rng.random() < wr.kk_share else "ru"
            bank = UNRELATED_KK if lang == "kk" else UNRELATED_RU
            title, body = bank[int(rng.integers(0, len(bank)))]
            town = towns[int(rng.integers(0, len(towns)))]
            values = {
                "adj": ("умеренных", "небольших", "резких")[int(rng.integers(0, 3))]
                if lang == "ru"
                else ("шағын", "айтарлықтай")[int(rng.integers(0, 2))],
                "weather": WEATHER[int(rng.integers(0, len(WEATHER)))],
                "weather_kk": WEATHER_KK[int(rng.integers(0, len(WEATHER_KK)))],
                "k": int(rng.integers(2, 9)),
                "town": town.name_ru,
                "town_loc": kk_locative(town.name_kk),
            }
            src = wr.pick_source(town.region, lang)
            wr.add(
                int(month_start[t] + rng.integers(0, 28)),
                src,
                _fmt(title, values),
                _fmt(body, values),
                lang,
                "unrelated",
                None,
                None,
                "none",
            )
    r = wr.rows
    ts = np.array(r["ts"], dtype=np.int64)
    order = (
        np.lexsort((np.array(r["id"], dtype=object).astype(str), ts)) if ts.size else np.zeros(0, np.int64)
    )
    keep = order[(ts[order] // 86400 <= extract) & (ts[order] // 86400 >= first)]

    def col(name: str) -> list[Any]:
        values = r[name]
        return [values[i] for i in keep.tolist()]

    stamps = pa.array(ts[keep].astype("datetime64[s]"), type=pa.timestamp("s"))
    items = pa.table(
        {
            "id": pa.array(col("id"), type=pa.string()),
            "published_at": stamps,
            "source": pa.array(col("source"), type=pa.string()),
            "url": pa.array(col("url"), type=pa.string()),
            "title": pa.array(col("title"), type=pa.string()),
            "text": pa.array(col("text"), type=pa.string()),
            "lang": pa.array(col("lang"), type=pa.string()),
            "source_kind": pa.array(col("source_kind"), type=pa.string()),
        }
    )
    truth = pa.table(
        {
            "id": pa.array(col("id"), type=pa.string()),
            "published_at": stamps,
            "kind": pa.array(col("kind"), type=pa.string()),
            "topic": pa.array(col("topic"), type=pa.string()),
            "employer_bin": pa.array(col("employer_bin"), type=pa.string()),
            "conflict_truth_id": pa.array(col("conflict"), type=pa.string()),
            "mention": pa.array(col("mention"), type=pa.string()),
        }
    )
    return items, truth
