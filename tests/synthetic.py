"""A synthetic regulation of any length, for the long-document tests and
``bench/pages.py``: chapters (第一章 …) of articles (第一条 …), each article
in turn a subsidy rule, a target, a reported figure, a citation of another
document or plain text, with the numbers varied."""

import cn2an

ARTICLE_BODIES = (
    "对新认定的高新技术企业，给予最高{n}万元奖励。",
    "到2025年，全省科技型中小企业数量达到{m}家。",
    "2020年，全省技术合同成交额达到{n}亿元。",
    "依照《吉林省促进科技成果转化条例》的规定，支持高校院所开展技术转移。",
    "各地应当建立健全科技成果转化工作机制，加强部门协同，优化服务流程。",
)


def regulation(articles: int, per_chapter: int, title: str) -> str:
    lines = [title, ""]
    for i in range(articles):
        chapter, article = divmod(i, per_chapter)
        if article == 0:
            lines.append(f"第{cn2an.an2cn(chapter + 1)}章　第{chapter + 1}组规定")
        body = ARTICLE_BODIES[i % len(ARTICLE_BODIES)].format(n=10 + i % 90, m=1000 + i)
        lines.append(f"第{cn2an.an2cn(article + 1)}条　{body}")
    return "\n".join(lines) + "\n"
