"""Target groups of S&T measures (data).

Pure Python (no Django).  One row per group: key, Chinese label (what
``ExtractedMeasure.beneficiaries`` reports), English label, and the words that
name the group in a provision.  Matching (measures/extraction/keywords.py) drops
a hit nested in a longer one, so "科技型中小企业" gives the SME row only and
"企业" is the fallback for firms not otherwise qualified.  "高校院所" and
"高校和科研院所" name two groups and are listed in both rows.

Loosely aligned with the STIP Compass target-group facet (firms by size/age,
higher-education institutions, public research institutes, researchers,
intermediaries, financial institutions, students/entrepreneurs, regions).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TargetGroup:
    key: str
    name: str
    name_en: str
    keywords: tuple[str, ...]


def _g(key: str, name: str, name_en: str, keywords: str) -> TargetGroup:
    return TargetGroup(key, name, name_en, tuple(keywords.split()))


# fmt: off
TARGET_GROUPS: tuple[TargetGroup, ...] = (
    _g("enterprises", "企业", "Firms (any)",
       "企业 企业客户 工业企业 规模以上企业"),
    _g("tech_smes", "科技型中小企业", "Technology-based SMEs",
       "科技型中小企业 中小企业 小微企业 科技小巨人企业 小巨人企业 初创期科技企业 "
       "专精特新"),
    _g("hightech_enterprises", "高新技术企业", "High-tech enterprises",
       "高新技术企业 高企 瞪羚企业 独角兽企业"),
    _g("tech_enterprises", "科技企业", "Technology / innovative firms",
       "科技企业 科技型企业 创新型企业 科技创新型企业 科技创新企业"),
    _g("leading_enterprises", "龙头骨干企业", "Large and leading firms",
       "龙头企业 骨干企业 骨干龙头企业 大中型企业 大中型工业企业 国有企业 民营企业 "
       "大企业 跨国公司"),
    _g("universities", "高校", "Higher-education institutions",
       "高校 高等院校 高等学校 大学 高校院所 高校和科研院所 中直高校院所 省属高校"),
    _g("research_institutes", "科研院所", "Public research institutes",
       "科研院所 科研机构 研究院所 科研单位 高校院所 高校和科研院所 中直高校院所 "
       "中科院 研究所 事业单位"),
    _g("researchers", "科研人员", "Researchers and S&T personnel",
       "科研人员 科技人员 科技工作者 研发人员 科研团队 成果完成人 发明人 创新团队 "
       "人才团队 高层次人才 科技人才 领军人才 高端人才 技能人才 工程师 科学家 "
       "企业家 专家"),
    _g("tech_transfer_orgs", "技术转移机构",
       "Technology-transfer and S&T service organisations",
       "技术转移机构 技术转移中心 技术转移示范机构 技术经纪人 科技中介机构 中介机构 "
       "科技服务机构 科技中介 服务机构"),
    _g("incubators", "孵化器", "Incubators and maker spaces",
       "孵化器 众创空间 大学科技园 星创天地 孵化机构 双创平台"),
    _g("entrepreneurs", "创业者/大学生", "Entrepreneurs and students",
       "创业者 大学生 创新创业者 创业人员 研究生 博士后 青年科技人才"),
    _g("financial_institutions", "金融机构",
       "Banks, investors and other financial institutions",
       "金融机构 银行 商业银行 保险公司 担保公司 租赁公司 小额贷款公司 创投机构 "
       "投资机构 天使投资人 创业投资 基金公司"),
    _g("alliances", "产业技术创新联盟", "Industrial innovation alliances",
       "联盟 创新联合体 共同体"),
    _g("rd_institutions", "研发机构与创新平台",
       "R&D units, labs and innovation platforms",
       "研发机构 新型研发机构 重点实验室 技术创新中心 科技创新中心 企业技术中心 "
       "工程技术研究中心 产业技术研究院 中试中心 创新平台"),
    _g("regions_zones", "地方与园区", "Local governments, zones and parks",
       "高新区 开发区 园区 自创区 农高区 示范区 县域 创新型县"),
    _g("farmers_rural", "农村与农业经营主体", "Rural areas and farmers",
       "农村 农民 农业经营主体 乡村"),
)
# fmt: on

TARGET_GROUPS_BY_KEY: dict[str, TargetGroup] = {row.key: row for row in TARGET_GROUPS}
