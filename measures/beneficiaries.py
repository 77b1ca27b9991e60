"""Target groups of S&T measures (data).

Pure Python (no Django).  One row per group: key, Chinese label (what
``ExtractedMeasure.beneficiaries`` reports), English label, and the words that
name the group in a provision.  Matching (measures/extraction/keywords.py) drops
a hit nested in a longer one, so "科技型中小企业" gives the SME row only and
"企业" is the fallback for firms not otherwise qualified.  "高校院所" and
"高校和科研院所" name two groups and are listed in both rows.

Groups nest (``parent``): the matcher reads an applicant of a group as one of
every broader group, and a rule for a broader group as open to the narrower.

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
    # The broader group this one is part of ("" for a top group): a
    # 高新技术企业 is an 企业, an 企业 an 单位, a 科研人员 a 个人.  The matcher
    # reads an applicant of a group as one of every group above it.
    parent: str = ""
    # A group an applicant of its parent may or may not belong to (the rule
    # applies with it unknown), unless the applicant states another part.
    open_world: bool = False


def _g(key: str, name: str, name_en: str, keywords: str, parent: str = "",
       open_world: bool = False) -> TargetGroup:
    return TargetGroup(key, name, name_en, tuple(keywords.split()), parent, open_world)


# fmt: off
TARGET_GROUPS: tuple[TargetGroup, ...] = (
    _g("entities", "单位/经营主体", "Organisations of any kind",
       "经营主体 创新主体 市场主体 企事业单位 民办非企业单位 组织机构 申报主体 "
       "企业及单位 企业和单位 企业或单位 企业、单位 企业和机构 企业及机构 企业或机构 企业、机构"),
    _g("individuals", "个人", "Natural persons", "个人 自然人 公民"),
    _g("enterprises", "企业", "Firms (any)",
       "企业 企业客户 工业企业 规模以上企业 公司 民企 私企", "entities"),
    _g("tech_smes", "科技型中小企业", "Technology-based SMEs",
       "科技型中小企业 中小企业 小微企业 初创期科技企业", "tech_enterprises"),
    _g("hightech_enterprises", "高新技术企业", "High-tech enterprises",
       "高新技术企业 高企", "tech_enterprises"),
    _g("tech_enterprises", "科技企业", "Technology / innovative firms",
       "科技企业 科技型企业 创新型企业 科技创新型企业 科技创新企业 科技公司 高科技公司", "enterprises"),
    _g("leading_enterprises", "龙头骨干企业", "Large and leading firms",
       "龙头企业 骨干企业 骨干龙头企业 大中型企业 大中型工业企业 民营企业 "
       "大企业 跨国公司 总部型企业 总部企业", "enterprises"),
    _g("specialised_smes", "专精特新中小企业", "Specialised and innovative SMEs",
       "专精特新 专精特新中小企业 “专精特新”中小企业 “专精特新”企业", "enterprises"),
    _g("little_giants", "专精特新“小巨人”企业", "National 'little giant' firms",
       "专精特新“小巨人” “小巨人”企业 小巨人企业 专精特新小巨人", "specialised_smes"),
    _g("tech_giants", "科技小巨人企业", "Science and technology 'little giants' (provincial)",
       "科技小巨人企业 科技小巨人 科技创新小巨人", "tech_enterprises"),
    _g("gazelles", "瞪羚企业", "Gazelle firms", "瞪羚企业 瞪羚", "enterprises"),
    _g("unicorns", "独角兽企业", "Unicorn firms", "独角兽企业 独角兽", "enterprises"),
    _g("above_scale", "规上企业", "Firms above the statistical size threshold",
       "规上企业 规模以上企业", "enterprises"),
    _g("above_scale_industrial", "规上工业企业", "Industrial firms above the size threshold",
       "规上工业企业 规模以上工业企业", "above_scale"),
    _g("above_scale_services", "规上服务业企业", "Service firms above the size threshold",
       "规上服务业企业 规模以上服务业企业", "above_scale"),
    _g("above_limit_trade", "限上商贸企业", "Trade firms above the size limit",
       "限上商贸企业 限额以上商贸企业 限上企业", "enterprises"),
    _g("startups", "初创企业", "Start-ups",
       "初创企业 初创期企业 新创办企业 初创公司", "enterprises"),
    _g("manufacturers", "生产加工型企业", "Manufacturing firms",
       "生产加工型企业 生产型企业 制造业企业 生产企业", "enterprises"),
    _g("state_owned_enterprises", "国有企业", "State-owned firms",
       "国有企业 国企 国有控股企业", "enterprises"),
    _g("universities", "高校", "Higher-education institutions",
       "高校 高等院校 高等学校 大学 学院 高校院所 高校和科研院所 中直高校院所 省属高校 "
       # the short names people use for universities ("吉大的老师")
       "吉大 北大 清华 复旦 浙大 南大 武大 川大 山大 中大 哈工大 东北师大 交大 同济",
       "entities"),
    _g("research_institutes", "科研院所", "Public research institutes",
       "科研院所 科研机构 研究院所 科研单位 高校院所 高校和科研院所 中直高校院所 "
       "中科院 研究所 研究院 事业单位 研究开发机构 "
       # the short names people use for institutes ("长光所的研究员")
       "长光所 长春光机所 应化所 长春应化所 东北地理所", "entities"),
    _g("medical_institutions", "医疗卫生机构", "Hospitals and health institutions",
       "医疗卫生机构 医疗机构 医院 卫生机构", "entities"),
    _g("researchers", "科研人员", "Researchers and S&T personnel",
       "科研人员 科技人员 科技工作者 研发人员 科研团队 成果完成人 发明人 创新团队 课题组 "
       "人才团队 科技人才 领军人才 技能人才 工程师 科学家 企业家 专家 "
       "重要贡献的人员 重要贡献人员 完成人 研发团队 医生团队 教授 研究员 医生 大夫 教师 老师 讲师",
       "individuals"),
    # Those who made the main contribution to a result: a part of the
    # researchers no profile can state for itself (open-world: a 科研人员 may
    # be one), but not the technology-transfer staff the texts name apart.
    _g("main_contributors", "主要贡献人员", "Main contributors to a result",
       "主要贡献人员 主要贡献的人员 主要完成人", "researchers", open_world=True),
    _g("high_level_talent", "高层次人才", "High-level talent",
       "高层次人才 高端人才 顶尖人才 优秀人才 紧缺人才", "researchers"),
    _g("tech_transfer_staff", "技术转移机构工作人员", "Staff of technology-transfer offices",
       "技术转移机构工作人员 技术转移人员 技术经纪人", "researchers"),
    _g("tech_transfer_orgs", "技术转移机构",
       "Technology-transfer and S&T service organisations",
       "技术转移机构 技术转移中心 技术转移示范机构 科技中介机构 中介机构 "
       "科技服务机构 科技中介 服务机构", "entities"),
    _g("incubators", "孵化器", "Incubators and maker spaces",
       "孵化器 科技企业孵化器 众创空间 大学科技园 星创天地 孵化机构 双创平台 孵化载体",
       "entities"),
    _g("entrepreneurs", "创业者", "Entrepreneurs and start-up teams",
       "创业者 创新创业者 创业人员 创业团队 创新创业团队", "individuals"),
    _g("youth", "大学生/青年", "Students and young people",
       "大学生 研究生 博士后 青年科技人才 青年 毕业生 高校学生", "individuals"),
    _g("hk_macao_youth", "港澳青年", "Young people from Hong Kong and Macao",
       "港澳青年 香港青年 澳门青年 港澳台青年", "youth"),
    _g("financial_institutions", "金融机构",
       "Banks, investors and other financial institutions",
       "金融机构 银行 商业银行 保险公司 担保公司 租赁公司 小额贷款公司 创投机构 "
       "投资机构 天使投资人 创业投资 基金公司 创业投资机构", "entities"),
    _g("alliances", "产业技术创新联盟", "Industrial innovation alliances",
       "联盟 创新联合体 共同体 协会 行业组织", "entities"),
    _g("rd_institutions", "研发机构与创新平台",
       "R&D units, labs and innovation platforms",
       "研发机构 技术创新中心 科技创新中心 企业技术中心 工程技术研究中心 产业技术研究院 "
       "中试中心 创新平台 平台机构", "entities"),
    _g("new_rd_institutions", "新型研发机构", "New-type R&D institutions",
       "新型研发机构", "rd_institutions"),
    _g("key_labs", "重点实验室", "Key laboratories",
       "重点实验室 联合实验室 实验室", "rd_institutions"),
    _g("regions_zones", "地方与园区", "Local governments, zones and parks",
       "高新区 开发区 园区 自创区 农高区 示范区 县域 创新型县"),
    _g("farmers_rural", "农村与农业经营主体", "Rural areas and farmers",
       "农村 农民 农业经营主体 乡村"),
)
# fmt: on

TARGET_GROUPS_BY_KEY: dict[str, TargetGroup] = {row.key: row for row in TARGET_GROUPS}


def with_broader(keys) -> set[str]:
    """``keys`` and every group above them (see ``TargetGroup.parent``)."""
    out: set[str] = set()
    for key in keys:
        while key and key not in out:
            out.add(key)
            key = TARGET_GROUPS_BY_KEY[key].parent if key in TARGET_GROUPS_BY_KEY else ""
    return out
