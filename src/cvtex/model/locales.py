"""The words a résumé prints that the user did not write: section titles, month
names, "present", labels. Translated here, in Python, so every locale works on
every engine; every string can be overridden in the résumé (``strings:``, and
``design.section_titles`` for titles).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace

MONTH_KEYS = ("months", "months_short")
STRING_KEYS = (
    "present",
    "keywords",
    "courses",
    "gpa",
    "grade",
    "languages",
    "page_of",
    "degree",
)


@dataclass(frozen=True)
class Locale:
    """Everything locale-dependent that templates print."""

    code: str
    name: str
    babel: str | None
    """The babel language name for hyphenation, or None (CJK: no hyphenation)."""
    titles: dict[str, str]
    months: tuple[str, ...]
    months_short: tuple[str, ...]
    strings: dict[str, str] = field(default_factory=dict)
    month_year: str = "{month} {year}"
    """How a month and a year combine in the "Mon YYYY" and "Month YYYY" formats."""

    def string(self, key: str) -> str:
        return self.strings[key]

    def with_overrides(self, strings: dict[str, str]) -> Locale:
        """This locale with the résumé's own words; ``months``/``months_short`` are
        twelve names separated by spaces."""
        months = strings.get("months")
        months_short = strings.get("months_short")
        words = {k: v for k, v in strings.items() if k not in MONTH_KEYS}
        return replace(
            self,
            strings={**self.strings, **words},
            months=tuple(months.split()) if months else self.months,
            months_short=tuple(months_short.split()) if months_short else self.months_short,
        )


def _months(text: str) -> tuple[str, ...]:
    return tuple(text.split())


LOCALES: dict[str, Locale] = {
    "en": Locale(
        "en",
        "English",
        "english",
        {
            "summary": "Summary", "education": "Education", "work": "Experience",
            "projects": "Projects", "volunteer": "Volunteering", "awards": "Awards",
            "certificates": "Certificates", "publications": "Publications",
            "skills": "Skills", "languages": "Languages", "interests": "Interests",
            "references": "References",
        },
        _months("January February March April May June July August September October November December"),
        _months("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"),
        {"present": "Present", "keywords": "Keywords", "courses": "Courses", "gpa": "GPA",
         "grade": "Grade", "languages": "Languages", "page_of": "page {page} of {total}", "degree": "{type} in {area}"},
    ),
    "de": Locale(
        "de",
        "Deutsch",
        "ngerman",
        {
            "summary": "Profil", "education": "Ausbildung", "work": "Berufserfahrung",
            "projects": "Projekte", "volunteer": "Ehrenamt", "awards": "Auszeichnungen",
            "certificates": "Zertifikate", "publications": "Publikationen",
            "skills": "Kenntnisse", "languages": "Sprachen", "interests": "Interessen",
            "references": "Referenzen",
        },
        _months("Januar Februar März April Mai Juni Juli August September Oktober November Dezember"),
        _months("Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez."),
        {"present": "heute", "keywords": "Schlagwörter", "courses": "Kurse", "gpa": "Note",
         "grade": "Note", "languages": "Sprachen", "page_of": "Seite {page} von {total}", "degree": "{type} {area}"},
    ),
    "fr": Locale(
        "fr",
        "Français",
        "french",
        {
            "summary": "Profil", "education": "Formation", "work": "Expérience professionnelle",
            "projects": "Projets", "volunteer": "Bénévolat", "awards": "Distinctions",
            "certificates": "Certifications", "publications": "Publications",
            "skills": "Compétences", "languages": "Langues", "interests": "Centres d'intérêt",
            "references": "Références",
        },
        _months("janvier février mars avril mai juin juillet août septembre octobre novembre décembre"),
        _months("janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc."),
        {"present": "aujourd'hui", "keywords": "Mots-clés", "courses": "Cours",
         "gpa": "Moyenne", "grade": "Mention", "languages": "Langues", "page_of": "page {page} sur {total}", "degree": "{type} en {area}"},
    ),
    "es": Locale(
        "es",
        "Español",
        "spanish",
        {
            "summary": "Perfil", "education": "Formación", "work": "Experiencia",
            "projects": "Proyectos", "volunteer": "Voluntariado", "awards": "Premios",
            "certificates": "Certificaciones", "publications": "Publicaciones",
            "skills": "Habilidades", "languages": "Idiomas", "interests": "Intereses",
            "references": "Referencias",
        },
        _months("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"),
        _months("ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic."),
        {"present": "actualidad", "keywords": "Palabras clave", "courses": "Cursos",
         "gpa": "Nota media", "grade": "Calificación", "languages": "Idiomas", "page_of": "página {page} de {total}", "degree": "{type} en {area}"},
    ),
    "pt": Locale(
        "pt",
        "Português",
        "portuguese",
        {
            "summary": "Perfil", "education": "Formação", "work": "Experiência profissional",
            "projects": "Projetos", "volunteer": "Voluntariado", "awards": "Prémios",
            "certificates": "Certificações", "publications": "Publicações",
            "skills": "Competências", "languages": "Idiomas", "interests": "Interesses",
            "references": "Referências",
        },
        _months("janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"),
        _months("jan. fev. mar. abr. maio jun. jul. ago. set. out. nov. dez."),
        {"present": "atual", "keywords": "Palavras-chave", "courses": "Disciplinas",
         "gpa": "Média", "grade": "Classificação", "languages": "Idiomas", "page_of": "página {page} de {total}", "degree": "{type} em {area}"},
    ),
    "it": Locale(
        "it",
        "Italiano",
        "italian",
        {
            "summary": "Profilo", "education": "Istruzione", "work": "Esperienza professionale",
            "projects": "Progetti", "volunteer": "Volontariato", "awards": "Premi",
            "certificates": "Certificazioni", "publications": "Pubblicazioni",
            "skills": "Competenze", "languages": "Lingue", "interests": "Interessi",
            "references": "Referenze",
        },
        _months("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"),
        _months("gen. feb. mar. apr. mag. giu. lug. ago. set. ott. nov. dic."),
        {"present": "oggi", "keywords": "Parole chiave", "courses": "Corsi", "gpa": "Media",
         "grade": "Voto", "languages": "Lingue", "page_of": "pagina {page} di {total}", "degree": "{type} in {area}"},
    ),
    "zh": Locale(
        "zh",
        "中文",
        None,
        {
            "summary": "个人简介", "education": "教育背景", "work": "工作经历",
            "projects": "项目经历", "volunteer": "志愿经历", "awards": "荣誉奖项",
            "certificates": "证书", "publications": "发表论文", "skills": "专业技能",
            "languages": "语言能力", "interests": "兴趣爱好", "references": "推荐人",
        },
        tuple(f"{n}月" for n in range(1, 13)),
        tuple(f"{n}月" for n in range(1, 13)),
        {"present": "至今", "keywords": "关键词", "courses": "主修课程", "gpa": "GPA",
         "grade": "成绩", "languages": "语言", "page_of": "第 {page} 页，共 {total} 页", "degree": "{area}{type}"},
        "{year}年{month}",
    ),
    "ja": Locale(
        "ja",
        "日本語",
        None,
        {
            "summary": "自己紹介", "education": "学歴", "work": "職歴", "projects": "プロジェクト",
            "volunteer": "ボランティア", "awards": "受賞歴", "certificates": "資格",
            "publications": "論文・発表", "skills": "スキル", "languages": "語学",
            "interests": "趣味・関心", "references": "推薦者",
        },
        tuple(f"{n}月" for n in range(1, 13)),
        tuple(f"{n}月" for n in range(1, 13)),
        {"present": "現在", "keywords": "キーワード", "courses": "履修科目", "gpa": "GPA",
         "grade": "成績", "languages": "語学", "page_of": "{page} / {total}", "degree": "{area} {type}"},
        "{year}年{month}",
    ),
    "ko": Locale(
        "ko",
        "한국어",
        None,
        {
            "summary": "자기소개", "education": "학력", "work": "경력", "projects": "프로젝트",
            "volunteer": "봉사활동", "awards": "수상 경력", "certificates": "자격증",
            "publications": "논문 및 발표", "skills": "기술", "languages": "어학",
            "interests": "관심 분야", "references": "추천인",
        },
        tuple(f"{n}월" for n in range(1, 13)),
        tuple(f"{n}월" for n in range(1, 13)),
        {"present": "현재", "keywords": "키워드", "courses": "수강 과목", "gpa": "학점",
         "grade": "성적", "languages": "어학", "page_of": "{page} / {total}", "degree": "{area} {type}"},
        "{year}년 {month}",
    ),
}  # fmt: skip
"""Supported locales; ``en`` is the default."""

DEFAULT_LOCALE = "en"

ENGLISH_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
}
"""Each locale's language in English, for a did-you-mean on ``--locale german``."""


def _folded(text: str) -> str:
    """Lower case without accents: "Français" and "francais" are the same name."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def locale_named(name: str) -> str | None:
    """The code of the locale whose language ``name`` names, in English or in itself
    ("german", "Deutsch", "francais"), or nearly (a typo); None when none does."""
    import difflib

    names = {_folded(locale.name): code for code, locale in LOCALES.items()}
    names.update({_folded(english): code for code, english in ENGLISH_NAMES.items()})
    close = difflib.get_close_matches(_folded(name), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None


def unknown_locale(value: str) -> str:
    """What to say about a locale code that names no locale, with a did-you-mean: a code
    close to it, else the language it names ("german" → de)."""
    from cvtex.suggest import suggest

    guess = suggest(value, LOCALES)
    named = None if guess else locale_named(value)
    if guess:
        hint = f'; did you mean "{guess}"?'
    elif named:
        hint = f'; did you mean "{named}" ({ENGLISH_NAMES[named]})?'
    else:
        hint = ""
    return f'unknown locale "{value}"{hint} (supported: {", ".join(LOCALES)})'


def get_locale(code: str | None) -> Locale:
    """The locale for ``code`` (e.g. ``de`` or ``de-AT``); raises KeyError when unknown."""
    if not code:
        return LOCALES[DEFAULT_LOCALE]
    return LOCALES[code.lower().replace("_", "-").split("-")[0]]
