#!/usr/bin/env python3
"""Check the default criteria catalogue and control library, and regenerate the coverage doc.

    python3 assets/catalogue/check.py               # check; also fails when the doc is stale
    python3 assets/catalogue/check.py --write-docs  # check, then rewrite docs/catalogue-coverage.md

Standard library only. Paths are relative to the repository root (found from this file).
Exit status 0 when everything passes, 1 otherwise (one line per problem on stderr).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "assets" / "catalogue" / "default.json"
CONTROLS = ROOT / "assets" / "controls" / "default.json"
DOC = ROOT / "docs" / "catalogue-coverage.md"

EVIDENCE_KINDS = ["制度文件", "记录台账", "合同协议", "系统截图", "现场照片", "访谈"]
CARRIER_KINDS = ["纸质文件", "电子文件/数据", "实物样品/原料", "设备/模具", "口头/技艺传承"]
STAGES = ["产生与定密", "标识", "存储", "使用与查阅", "复制与打印", "传递与传输", "对外提供", "变更与解密", "载体销毁"]
REQUIRED_FROM = ["核心", "重要", "全部"]
STATUSES = ["已落实", "部分落实", "未落实", "不适用"]
DERIVE_RULES = [
    "register_exists", "points_complete", "secrecy_checked", "nda_any", "nda_rate",
    "entry_pledge_rate", "training_rate", "exit_complete", "noncompete_paid", "rules_adopted",
    "carriers_marked", "disclosure_nda", "major_incidents_handled", "self_declaration", "core_controls",
    # catalogue 2026.2
    "nda_core_important", "register_filled", "access_notice_rate", "origin_recorded",
    "non_employee_undertakings", "authority_requests",
]
COVERAGE_IDS = [f"spc6-{i}" for i in range(1, 8)] + [f"sd-{i}" for i in range(1, 8)]
BASIC_COUNT = 6   # of which GATE_COUNT are 0-point gates
GATE_COUNT = 2
QUICK_RANGE = (15, 30)

# The register facts a condition (appliesWhen, naRefusedWhen, consistency) may name; the Rust
# side computes exactly these. Counts are plain numbers, the others per-mille (0–1000).
COUNT_FACTS = [
    "points", "technical_points", "business_points", "customer_points", "core_points",
    "oral_carriers", "carriers", "discipline_records", "systems", "areas", "incidents", "major_incidents", "people_current",
    "non_employees", "disclosures", "authority_disclosures", "rules", "trainings",
    "rule_family:emergency", "rule_family:personnel", "rule_family:carrier", "rule_family:it",
    "rule_family:area", "rule_family:external", "rule_family:training",
]
PERMILLE_FACTS = ["rules_specialised"] + DERIVE_RULES
CONTROL_FACT_PREFIXES = ["control:", "core_control:"]   # + a control id of the library
CONDITION_KEYS = ["fact", "atLeast", "atMost", "says"]

# Wording the honesty rules forbid anywhere in the data (product-spec §4, §7; expert review §6;
# legal review 2026-12 §1): no verdict on the enterprise, no eligibility, no state-secret marks.
FORBIDDEN = [
    "经核查不为公众所知悉", "具备申报基础", "基本具备", "差距明显", "基础薄弱", "就绪",
    "具备申报条件", "符合申报条件", "不具备申报条件", "一票否决", "★", "☆",
    "具备", "达标", "示范企业资格", "申报资格",
]
# Words that would speak of the enterprise's application or status. They may appear in the names
# of documents (sources, coverage sets, basis), never in the texts a user reads about the
# enterprise: the statement, criterion titles, requirements, guidance, actions, condition
# sentences, quick-check questions and answers, control questions, requirements and guidance.
FORBIDDEN_IN_TEXT = ["示范", "申报", "密盾", "Midun"]
# Articles renumbered by an amendment: {source: (label of the old text, {new article: old article})}.
# A citation of a listed source must name a listed article, and its note must give the old number
# with the same paragraph and item ("2019年法第九条第四款" for 第十条第四款).
MOVED = {
    "AUCL2025": ("2019年法", {
        "第十条": "第九条", "第十九条": "第十五条", "第二十条": "第十六条", "第二十二条": "第十七条",
        "第二十六条": "第二十一条", "第三十三条": "第二十六条", "第三十八条": "第三十一条",
        "第三十九条": "第三十二条",
    }),
    "CSL2025": ("2016年文本", {"第二十三条": "第二十一条"}),
}
# Sources that must be present, with their `primary` flag and words their note must contain.
REQUIRED_SOURCES = {
    "SAMR2026": (True, ["令第126号", "副本", "未与"]),
    "SD2020": (False, ["原文未获取"]),
}

CATALOGUE_KEYS = ["id", "version", "title", "statement", "sources", "coverage", "domains", "quickCheck"]
SOURCE_KEYS = ["id", "title", "primary", "note"]
CRITERION_KEYS = ["id", "title", "points", "requirement", "guidance", "evidenceKinds", "recurring",
                  "basis", "basic", "tags", "action", "derive"]
CRITERION_OPTIONAL = ["gate", "appliesWhen", "naRefusedWhen", "consistency"]
BASIS_KEYS = ["source", "article", "note"]
CONTROLS_KEYS = ["id", "version", "title", "sources", "stages", "controls"]
CONTROL_KEYS = ["id", "stage", "carrierKinds", "requiredFrom", "byLevel", "question", "requirement",
                "guidance", "basis"]


class Problems:
    def __init__(self):
        self.items = []

    def __call__(self, where, message):
        self.items.append(f"{where}: {message}")


def nonempty_str(value):
    return isinstance(value, str) and value.strip() != ""


def check_keys(problem, where, obj, keys, optional=()):
    if not isinstance(obj, dict):
        problem(where, "不是对象")
        return False
    missing = [k for k in keys if k not in obj]
    extra = [k for k in obj if k not in keys and k not in optional]
    if missing:
        problem(where, f"缺少字段 {missing}")
    if extra:
        problem(where, f"多余字段 {extra}（加载器按固定结构读取）")
    return not missing


def check_unique(problem, where, ids):
    for value, count in Counter(ids).items():
        if count > 1:
            problem(where, f"编号重复：{value}（{count} 次）")


def check_basis(problem, where, basis, source_ids):
    if not isinstance(basis, list) or not basis:
        problem(where, "basis 至少要有一条")
        return
    for i, b in enumerate(basis):
        w = f"{where}.basis[{i}]"
        if not check_keys(problem, w, b, BASIS_KEYS):
            continue
        if b["source"] not in source_ids:
            problem(w, f"来源 {b['source']} 不在 sources 中")
        if not nonempty_str(b["article"]):
            problem(w, "article 为空")
        if not isinstance(b["note"], str):
            problem(w, "note 必须是字符串")
        if b["source"] in MOVED and isinstance(b["article"], str) and isinstance(b["note"], str):
            label, table = MOVED[b["source"]]
            m = re.match(r"第[〇一二三四五六七八九十百零]+条", b["article"])
            if not m or m.group(0) not in table:
                problem(w, f"{b['source']} {b['article']}：条号不在已核对的新旧条号对照表中")
            else:
                old = label + table[m.group(0)] + b["article"][m.end():]
                if old not in b["note"]:
                    problem(w, f"{b['source']} {b['article']}：note 须注明“{old}”，现为“{b['note']}”")


def check_sources(problem, where, sources):
    ids = []
    if not isinstance(sources, list) or not sources:
        problem(where, "sources 为空")
        return {}
    for i, s in enumerate(sources):
        w = f"{where}[{i}]"
        if not check_keys(problem, w, s, SOURCE_KEYS):
            continue
        ids.append(s["id"])
        if not nonempty_str(s["id"]) or not nonempty_str(s["title"]):
            problem(w, "id 或 title 为空")
        if not isinstance(s["primary"], bool):
            problem(w, "primary 必须是 true/false")
        if not isinstance(s["note"], str):
            problem(w, "note 必须是字符串")
        if s.get("primary") is False and not nonempty_str(s.get("note")):
            problem(w, "非一手来源必须在 note 中说明")
    check_unique(problem, where, ids)
    return {s["id"]: s for s in sources if isinstance(s, dict) and "id" in s}


def check_required_sources(problem, where, sources):
    for sid, (primary, needles) in REQUIRED_SOURCES.items():
        s = sources.get(sid)
        if s is None:
            problem(where, f"缺少来源 {sid}")
            continue
        if s.get("primary") is not primary:
            problem(f"{where}.{sid}", f"primary 应为 {'true' if primary else 'false'}")
        for needle in needles:
            if needle not in str(s.get("title", "")) + str(s.get("note", "")):
                problem(f"{where}.{sid}", f"标题或说明须写明“{needle}”")


def walk_strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, list):
        for x in obj:
            yield from walk_strings(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from walk_strings(x)


def check_wording(problem, where, data):
    for text in walk_strings(data):
        for word in FORBIDDEN:
            if word in text:
                problem(where, f"含有不允许的措辞“{word}”：{text[:40]}…")


def check_text_wording(problem, where, texts):
    """The texts users read about the enterprise: no word of application or status, no product name."""
    for text in texts:
        if not isinstance(text, str):
            continue
        for word in FORBIDDEN_IN_TEXT:
            if word in text:
                problem(where, f"面向企业的文字不得出现“{word}”：{text[:40]}…")


def user_texts(c):
    """Every text of a criterion that speaks of the enterprise (not the names of documents)."""
    out = [c.get(k) for k in ("title", "requirement", "guidance", "action")]
    for cond in conditions_of(c):
        out.append(cond.get("says") if isinstance(cond, dict) else None)
    return out


def conditions_of(c):
    out = []
    if isinstance(c.get("appliesWhen"), dict):
        out.append(c["appliesWhen"])
    if isinstance(c.get("naRefusedWhen"), list):
        out.extend(c["naRefusedWhen"])
    if isinstance(c.get("consistency"), list):
        out.extend(r["when"] for r in c["consistency"] if isinstance(r, dict) and isinstance(r.get("when"), dict))
    return out


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def has_cjk(text):
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def check_condition(problem, where, cond, control_ids):
    """A condition on one register fact: {fact, atLeast?, atMost?, says}."""
    if not check_keys(problem, where, cond, ["fact", "says"], optional=["atLeast", "atMost"]):
        return
    fact = cond["fact"]
    permille = False
    if not isinstance(fact, str):
        problem(where, f"fact 须为字符串：{fact!r}")
        return
    if fact in COUNT_FACTS:
        pass
    elif fact in PERMILLE_FACTS:
        permille = True
    elif any(fact.startswith(p) for p in CONTROL_FACT_PREFIXES):
        permille = True
        cid = fact.split(":", 1)[1]
        if cid not in control_ids:
            problem(where, f"{fact}：控制措施 {cid} 不在控制措施库中")
    else:
        problem(where, f"事实“{fact}”不在可用的台账事实列表中")
    if "atLeast" not in cond and "atMost" not in cond:
        problem(where, "atLeast 和 atMost 至少要有一个")
    for key in ("atLeast", "atMost"):
        if key in cond:
            v = cond[key]
            if not is_int(v):
                problem(where, f"{key} 须为整数：{v!r}")
            elif v < 0 or (permille and v > 1000):
                problem(where, f"{key} 超出范围：{v}（{'千分比 0–1000' if permille else '计数 ≥ 0'}）")
    if is_int(cond.get("atLeast")) and is_int(cond.get("atMost")) and cond["atLeast"] > cond["atMost"]:
        problem(where, f"atLeast（{cond['atLeast']}）大于 atMost（{cond['atMost']}），条件永不成立")
    says = cond["says"]
    if not nonempty_str(says) or not has_cjk(says):
        problem(where, "says 须为非空的中文句子（写台账中的事实）")


def check_criterion_extras(problem, cw, c, control_ids):
    """The optional fields of catalogue 2026.2: gate, appliesWhen, naRefusedWhen, consistency."""
    gate = c.get("gate")
    if "gate" in c and gate is not True:
        problem(cw, "gate 只能为 true（不用时省略）")
    p = c.get("points")
    if gate is True:
        if p != 0 or isinstance(p, bool):
            problem(cw, f"条件项（gate）的分值须为 0：{p!r}")
        if c.get("basic") is not True:
            problem(cw, "条件项（gate）须同时是基础项（basic: true）")
    elif not is_int(p) or p <= 0:
        problem(cw, f"points 须为正整数（只有 gate 为 0）：{p!r}")
    if "appliesWhen" in c:
        check_condition(problem, f"{cw}.appliesWhen", c["appliesWhen"], control_ids)
    if "naRefusedWhen" in c:
        na = c["naRefusedWhen"]
        if not isinstance(na, list) or not na:
            problem(cw, "naRefusedWhen 须为非空数组（不用时省略）")
        else:
            if c.get("basic") is True:
                problem(cw, "基础项本来就不允许“不适用”，不需要 naRefusedWhen")
            for i, cond in enumerate(na):
                check_condition(problem, f"{cw}.naRefusedWhen[{i}]", cond, control_ids)
    if "consistency" in c:
        rules = c["consistency"]
        if not isinstance(rules, list) or not rules:
            problem(cw, "consistency 须为非空数组（不用时省略）")
            return
        for i, r in enumerate(rules):
            w = f"{cw}.consistency[{i}]"
            if not check_keys(problem, w, r, ["when", "contradicts", "suggest"]):
                continue
            check_condition(problem, f"{w}.when", r["when"], control_ids)
            con = r["contradicts"]
            if not isinstance(con, list) or not con:
                problem(w, "contradicts 至少一个状态")
                con = []
            for s in con:
                if s not in STATUSES:
                    problem(w, f"contradicts 中的状态无效：{s!r}")
            check_unique(problem, f"{w}.contradicts", [s for s in con if isinstance(s, str)])
            if r["suggest"] not in STATUSES:
                problem(w, f"suggest 状态无效：{r['suggest']!r}")
            elif r["suggest"] in con:
                problem(w, f"suggest（{r['suggest']}）不能同时在 contradicts 中")
            if c.get("basic") is True and ("不适用" in con or r["suggest"] == "不适用"):
                problem(w, "基础项不允许“不适用”")


def check_catalogue(problem, cat, control_ids):
    if not check_keys(problem, "catalogue", cat, CATALOGUE_KEYS):
        return
    for key in ("id", "version", "title", "statement"):
        if not nonempty_str(cat[key]):
            problem("catalogue", f"{key} 为空")
    st = cat["statement"]
    for needle in ("截至", "未检索到公开的官方评分表", "自评"):
        if needle not in st:
            problem("catalogue.statement", f"须写明“{needle}”")
    for needle in ("自己的理解", "加载"):
        if needle in st:
            problem("catalogue.statement", f"不再写“{needle}”一类软件商的表述")
    check_text_wording(problem, "catalogue.statement", [st, cat["title"]])

    sources = check_sources(problem, "catalogue.sources", cat["sources"])
    check_required_sources(problem, "catalogue.sources", sources)

    coverage = cat["coverage"]
    cov_ids = []
    for i, c in enumerate(coverage):
        w = f"catalogue.coverage[{i}]"
        if check_keys(problem, w, c, ["id", "set", "name"]):
            cov_ids.append(c["id"])
            if not nonempty_str(c["set"]) or not nonempty_str(c["name"]):
                problem(w, "set 或 name 为空")
    check_unique(problem, "catalogue.coverage", cov_ids)
    for cid in COVERAGE_IDS:
        if cid not in cov_ids:
            problem("catalogue.coverage", f"缺少 {cid}")

    domains = cat["domains"]
    if not isinstance(domains, list) or not 8 <= len(domains) <= 12:
        problem("catalogue.domains", f"领域数须为 8–12，现为 {len(domains) if isinstance(domains, list) else '?'}")
        return
    domain_ids, criterion_ids, criteria = [], [], {}
    tagged = Counter()
    total = 0
    for di, d in enumerate(domains):
        w = f"catalogue.domains[{di}]"
        if not check_keys(problem, w, d, ["id", "name", "criteria"]):
            continue
        domain_ids.append(d["id"])
        if not re.fullmatch(r"D[1-9][0-9]*", d["id"]):
            problem(w, f"领域编号格式应为 D<n>：{d['id']}")
        if d["id"] != f"D{di + 1}":
            problem(w, f"领域编号应按顺序为 D{di + 1}：{d['id']}")
        if not nonempty_str(d["name"]):
            problem(w, "name 为空")
        if not isinstance(d["criteria"], list) or not d["criteria"]:
            problem(w, "没有评价项")
            continue
        for ci, c in enumerate(d["criteria"]):
            cw = f"{d['id']}.criteria[{ci}]"
            if not check_keys(problem, cw, c, CRITERION_KEYS, optional=CRITERION_OPTIONAL):
                continue
            cw = c["id"]
            criterion_ids.append(c["id"])
            criteria[c["id"]] = c
            if c["id"] != f"{d['id']}.{ci + 1}":
                problem(cw, f"评价项编号应为 {d['id']}.{ci + 1}")
            for key in ("title", "requirement", "guidance", "action"):
                if not nonempty_str(c[key]):
                    problem(cw, f"{key} 为空")
            check_criterion_extras(problem, cw, c, control_ids)
            check_text_wording(problem, cw, user_texts(c))
            if is_int(c["points"]):
                total += c["points"]
            ek = c["evidenceKinds"]
            if not isinstance(ek, list) or not ek:
                problem(cw, "evidenceKinds 至少一种")
            else:
                for k in ek:
                    if k not in EVIDENCE_KINDS:
                        problem(cw, f"佐证类型不在固定列表中：{k}")
                check_unique(problem, f"{cw}.evidenceKinds", ek)
            for key in ("recurring", "basic"):
                if not isinstance(c[key], bool):
                    problem(cw, f"{key} 必须是 true/false")
            check_basis(problem, cw, c["basis"], sources)
            if not isinstance(c["tags"], list):
                problem(cw, "tags 必须是数组")
            else:
                check_unique(problem, f"{cw}.tags", c["tags"])
                for t in c["tags"]:
                    if t not in cov_ids:
                        problem(cw, f"标签 {t} 不在 coverage 中")
                    tagged[t] += 1
            dv = c["derive"]
            if dv is not None:
                if check_keys(problem, f"{cw}.derive", dv, ["rule", "done", "partial"]):
                    if dv["rule"] not in DERIVE_RULES:
                        problem(cw, f"推导规则不在列表中：{dv['rule']}")
                    ok = all(isinstance(dv[k], int) and not isinstance(dv[k], bool) for k in ("done", "partial"))
                    if not ok or not 0 <= dv["partial"] <= dv["done"] <= 1000:
                        problem(cw, f"推导阈值须满足 0 ≤ partial ≤ done ≤ 1000：{dv}")
    check_unique(problem, "catalogue.domains", domain_ids)
    check_unique(problem, "catalogue.criteria", criterion_ids)
    if not 50 <= len(criterion_ids) <= 80:
        problem("catalogue", f"评价项总数须为 50–80，现为 {len(criterion_ids)}")
    if total != 100:
        problem("catalogue", f"默认目录分值合计须为 100，现为 {total}")
    basics = [c for c in criteria.values() if c.get("basic") is True]
    if len(basics) != BASIC_COUNT:
        problem("catalogue", f"基础项须为 {BASIC_COUNT} 项，现为 {len(basics)}")
    gates = [c for c in criteria.values() if c.get("gate") is True]
    if len(gates) != GATE_COUNT:
        problem("catalogue", f"条件项（gate）须为 {GATE_COUNT} 项，现为 {len(gates)}")
    for cid in cov_ids:
        if tagged[cid] == 0:
            problem("catalogue.coverage", f"{cid} 没有任何评价项覆盖")

    questions = cat["quickCheck"]
    if not isinstance(questions, list) or not QUICK_RANGE[0] <= len(questions) <= QUICK_RANGE[1]:
        problem("catalogue.quickCheck", f"快速自查题目应为约二十余题（{QUICK_RANGE[0]}–{QUICK_RANGE[1]}）")
        questions = questions if isinstance(questions, list) else []
    qids = []
    for qi, q in enumerate(questions):
        w = f"catalogue.quickCheck[{qi}]"
        if not check_keys(problem, w, q, ["id", "question", "answers"]):
            continue
        qids.append(q["id"])
        w = q["id"]
        if not re.fullmatch(r"Q[0-9]{2}", q["id"]):
            problem(w, "题目编号格式应为 Qnn")
        if not nonempty_str(q["question"]):
            problem(w, "question 为空")
        check_text_wording(problem, w, [q["question"]] + [a.get("label") for a in q["answers"] if isinstance(a, dict)]
                           if isinstance(q["answers"], list) else [q["question"]])
        if isinstance(q["question"], str) and q["question"].count("？") > 1:
            problem(w, "一题只问一件事（问题里有不止一个问号）")
        if not isinstance(q["answers"], list) or len(q["answers"]) < 2:
            problem(w, "至少两个答案")
            continue
        for ai, a in enumerate(q["answers"]):
            aw = f"{w}.answers[{ai}]"
            if not check_keys(problem, aw, a, ["label", "sets"]):
                continue
            if not nonempty_str(a["label"]):
                problem(aw, "label 为空")
            if not isinstance(a["sets"], list) or not a["sets"]:
                problem(aw, "sets 至少一条")
                continue
            for si, s in enumerate(a["sets"]):
                sw = f"{aw}.sets[{si}]"
                if not check_keys(problem, sw, s, ["criterion", "status"]):
                    continue
                if s["criterion"] not in criteria:
                    problem(sw, f"评价项不存在：{s['criterion']}")
                if s["status"] not in STATUSES:
                    problem(sw, f"状态无效：{s['status']}")
                if s["status"] == "不适用" and criteria.get(s["criterion"], {}).get("basic"):
                    problem(sw, f"基础项 {s['criterion']} 不得设为不适用")
            check_unique(problem, f"{aw}.sets", [s.get("criterion") for s in a["sets"] if isinstance(s, dict)])
    check_unique(problem, "catalogue.quickCheck", qids)
    check_wording(problem, "catalogue", cat)


def check_controls(problem, lib, cat_sources):
    if not check_keys(problem, "controls", lib, CONTROLS_KEYS):
        return
    for key in ("id", "version", "title"):
        if not nonempty_str(lib[key]):
            problem("controls", f"{key} 为空")
    if lib["stages"] != STAGES:
        problem("controls.stages", f"环节须为固定的九个：{STAGES}")
    sources = check_sources(problem, "controls.sources", lib["sources"])
    for sid, s in sources.items():
        if sid not in cat_sources:
            problem("controls.sources", f"{sid} 不在目录的 sources 中")
        elif s != cat_sources[sid]:
            problem("controls.sources", f"{sid} 与目录中的同名来源不一致")
    items = lib["controls"]
    if not isinstance(items, list) or not 30 <= len(items) <= 45:
        problem("controls", f"控制措施须为 30–45 条，现为 {len(items) if isinstance(items, list) else '?'}")
        items = items if isinstance(items, list) else []
    ids, used_stages, used_sources = [], Counter(), set()
    for i, c in enumerate(items):
        w = f"controls[{i}]"
        if not check_keys(problem, w, c, CONTROL_KEYS):
            continue
        ids.append(c["id"])
        w = c["id"]
        if not re.fullmatch(r"C[0-9]{2,3}", c["id"]):
            problem(w, "编号格式应为 Cnn")
        if c["stage"] not in STAGES:
            problem(w, f"环节无效：{c['stage']}")
        used_stages[c["stage"]] += 1
        kinds = c["carrierKinds"]
        if not isinstance(kinds, list) or not kinds:
            problem(w, "carrierKinds 不能为空")
        else:
            for k in kinds:
                if k not in CARRIER_KINDS:
                    problem(w, f"载体种类不在固定列表中：{k}")
            check_unique(problem, f"{w}.carrierKinds", kinds)
        if c["requiredFrom"] not in REQUIRED_FROM:
            problem(w, f"requiredFrom 须为 {REQUIRED_FROM} 之一：{c['requiredFrom']}")
        if not isinstance(c["byLevel"], bool):
            problem(w, "byLevel 必须是 true/false")
        if c["byLevel"] is True and c["requiredFrom"] == "核心":
            problem(w, "只在核心级要求的措施不会按密级区分，byLevel 应为 false")
        for key in ("question", "requirement", "guidance"):
            if not nonempty_str(c[key]):
                problem(w, f"{key} 为空")
        check_basis(problem, w, c["basis"], sources)
        check_text_wording(problem, w, [c["question"], c["requirement"], c["guidance"]])
        used_sources.update(b.get("source") for b in c["basis"] if isinstance(b, dict))
    check_unique(problem, "controls", ids)
    for stage in STAGES:
        if used_stages[stage] == 0:
            problem("controls", f"环节“{stage}”没有控制措施")
    for sid in sources:
        if sid not in used_sources:
            problem("controls.sources", f"{sid} 未被任何措施引用（只列需要的来源）")
    check_wording(problem, "controls", lib)


# ------------------------------------------------------------------ the doc

def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_basis(b, short):
    text = f"{short.get(b['source'], b['source'])} {b['article']}"
    if b["source"] in MOVED and b["note"]:
        text += f"（{b['note']}）"
    return text


def render_condition(cond):
    """“fact ≥ n”, “fact ≤ n” or “m ≤ fact ≤ n”, then the sentence users see."""
    f = f"`{cond['fact']}`"
    lo, hi = cond.get("atLeast"), cond.get("atMost")
    if lo is not None and hi is not None:
        test = f"{lo} ≤ {f} ≤ {hi}"
    elif lo is not None:
        test = f"{f} ≥ {lo}"
    else:
        test = f"{f} ≤ {hi}"
    return f"{test}：{cond['says']}"


def basic_mark(c):
    if c.get("gate"):
        return "是（0 分条件项）"
    return "是" if c["basic"] else ""


SHORT_NAMES = {
    "AUCL2025": "反不正当竞争法（2025）",
    "SPC2020": "法释〔2020〕7号",
    "LCL2012": "劳动合同法",
    "SPCLAB1": "劳动争议解释（一）",
    "SPCLAB2": "劳动争议解释（二）",
    "BMF2024": "保守国家秘密法",
    "CC2020": "民法典",
    "SPCNET2018": "互联网法院规定",
    "SPCEVID2019": "民事证据规定",
    "CRIM": "刑法",
    "SD2021": "山东2021年指南（转述）",
    "SD2020": "山东2020年指引（原文未获取）",
    "SAMR2026": "商业秘密保护规定（2026）",
    "CSL2025": "网络安全法（2025）",
    "OGI2019": "政府信息公开条例",
    "SOE2010": "央企商业秘密规定（转述）",
    "TASIA2024": "T/ASIA 0001-2024（摘要）",
    "DB50T1732": "DB50/T 1732-2024（目录）",
    "LAB1996": "劳部发〔1996〕355号（转述）",
}


def short_names(sources):
    """Short names for the doc's tables; a source without one shows its full title."""
    return {s["id"]: SHORT_NAMES.get(s["id"], s["title"]) for s in sources}


def render_doc(cat, lib):
    short = short_names(cat["sources"])
    criteria = [(d, c) for d in cat["domains"] for c in d["criteria"]]
    total = sum(c["points"] for _, c in criteria)
    lines = []
    add = lines.append
    add("# 自评目录覆盖对照表（catalogue coverage）")
    add("")
    add("> 本文件由 `python3 assets/catalogue/check.py --write-docs` 从 `assets/catalogue/default.json`"
        "（及 `assets/controls/default.json`）生成，请勿手工修改；改数据后重新生成。")
    add("> 本目录为企业自评参考目录，不是主管部门发布的评分标准；各项分值和基础项均为本目录设定，非官方。")
    add("")
    add(f"目录：{cat['title']}（`{cat['id']}`，版本 {cat['version']}）。"
        f"{len(cat['domains'])} 个领域，{len(criteria)} 个评价项，合计 {total} 分；"
        f"基础项 {sum(1 for _, c in criteria if c['basic'])} 项（其中 0 分条件项 {sum(1 for _, c in criteria if c.get('gate'))} 项）；"
        f"快速自查 {len(cat['quickCheck'])} 题；全过程控制措施 {len(lib['controls'])} 条。")
    add("")
    add(f"声明：{cat['statement']}")
    add("")

    add("## 1. 覆盖：最高法司法解释第六条的七类措施、山东指南点名的七项制度")
    add("")
    add("山东指南的原文本项目未能获取，七项制度据新闻报道转述（见来源 SD2021）。")
    add("")
    add("| 编号 | 出处 | 措施或制度（转述） | 覆盖的评价项 |")
    add("|---|---|---|---|")
    for cov in cat["coverage"]:
        hits = [f"{c['id']} {c['title']}" for _, c in criteria if cov["id"] in c["tags"]]
        add(f"| {cov['id']} | {cell(cov['set'])} | {cell(cov['name'])} | {cell('；'.join(hits))} |")
    add("")
    untagged = [f"{c['id']} {c['title']}" for _, c in criteria if not c["tags"]]
    if untagged:
        add("不对应上述任何一类措施的评价项（属于秘密性、价值性、权属或合规方面）："
            + "；".join(untagged) + "。")
        add("")

    add("## 2. 领域与权重")
    add("")
    add("领域权重等于其评价项分值之和。带适用条件的评价项在条件不成立时“不涉及”：不计入分母，也不列出，"
        "所以企业实际适用的总分可能低于 100。")
    add("")
    add("| 领域 | 名称 | 权重 | 评价项数 | 其中基础项 |")
    add("|---|---|---|---|---|")
    for d in cat["domains"]:
        pts = sum(c["points"] for c in d["criteria"])
        nb = sum(1 for c in d["criteria"] if c["basic"])
        add(f"| {d['id']} | {d['name']} | {pts} | {len(d['criteria'])} | {nb} |")
    add(f"| 合计 | | {total} | {len(criteria)} | {sum(1 for _, c in criteria if c['basic'])} |")
    add("")

    add("## 3. 全部评价项")
    add("")
    add("“周期性”为是的项，佐证材料须在自评基准日前 12 个月内。推导规则的阈值以千分比表示：达到“已落实”值为已落实，"
        "达到“部分落实”值为部分落实，否则未落实。")
    add("")
    add("| 编号 | 标题 | 分值 | 基础项 | 周期性 | 佐证类型 | 依据 | 推导规则 | 标签 |")
    add("|---|---|---|---|---|---|---|---|---|")
    for _, c in criteria:
        basis = "；".join(render_basis(b, short) for b in c["basis"])
        dv = c["derive"]
        derive = f"{dv['rule']}（已落实≥{dv['done']}‰，部分落实≥{dv['partial']}‰）" if dv else "—"
        add(f"| {c['id']} | {cell(c['title'])} | {c['points']} | {basic_mark(c)} | "
            f"{'是' if c['recurring'] else ''} | {'、'.join(c['evidenceKinds'])} | {cell(basis)} | "
            f"{cell(derive)} | {', '.join(c['tags']) or '—'} |")
    add("")

    add("## 4. 适用条件、不适用限制和与台账的交叉核对")
    add("")
    add("条件中的事实由台账计算（计数，或千分比）。“适用条件”不成立时本项不涉及；“不得选不适用”的条件成立时，"
        "本项不能答“不适用”；“交叉核对”的条件成立而回答是所列状态时，软件提示矛盾并给出建议回答，不自动修改。")
    add("")
    add("| 编号 | 标题 | 适用条件 | 不得选不适用 | 交叉核对（回答 → 建议） |")
    add("|---|---|---|---|---|")
    for _, c in criteria:
        if not any(k in c for k in ("appliesWhen", "naRefusedWhen", "consistency")):
            continue
        applies = render_condition(c["appliesWhen"]) if "appliesWhen" in c else ""
        refused = "；".join(render_condition(x) for x in c.get("naRefusedWhen", []))
        checks = "；".join(f"{render_condition(r['when'])}（{'/'.join(r['contradicts'])} → {r['suggest']}）"
                          for r in c.get("consistency", []))
        add(f"| {c['id']} | {cell(c['title'])} | {cell(applies)} | {cell(refused)} | {cell(checks)} |")
    add("")

    add("## 5. 快速自查")
    add("")
    add("| 编号 | 问题 | 影响的评价项 |")
    add("|---|---|---|")
    for q in cat["quickCheck"]:
        targets = []
        for a in q["answers"]:
            for s in a["sets"]:
                if s["criterion"] not in targets:
                    targets.append(s["criterion"])
        add(f"| {q['id']} | {cell(q['question'])} | {', '.join(targets)} |")
    add("")

    add("## 6. 全过程控制措施（assets/controls/default.json）")
    add("")
    add("“起始密级”：核心 = 只对最高一级要求；重要 = 对最高两级要求；全部 = 各级都要求。")
    add("")
    add("| 编号 | 环节 | 载体种类 | 起始密级 | 分级不同 | 要求 | 依据 |")
    add("|---|---|---|---|---|---|---|")
    for c in lib["controls"]:
        basis = "；".join(render_basis(b, short) for b in c["basis"])
        add(f"| {c['id']} | {c['stage']} | {'、'.join(c['carrierKinds'])} | {c['requiredFrom']} | "
            f"{'是' if c['byLevel'] else ''} | {cell(c['requirement'])} | {cell(basis)} |")
    add("")

    add("## 7. 来源")
    add("")
    add("“一手”为否的来源，本项目只见过二手转述或目录，引用时不作为已核对的原文。")
    add("")
    add("| 编号 | 名称 | 一手 | 说明 |")
    add("|---|---|---|---|")
    for s in cat["sources"]:
        add(f"| {s['id']} | {cell(s['title'])} | {'是' if s['primary'] else '否'} | {cell(s['note'])} |")
    add("")
    return "\n".join(lines)


def main(argv):
    write = "--write-docs" in argv[1:]
    unknown = [a for a in argv[1:] if a != "--write-docs"]
    if unknown:
        print(f"未知参数：{unknown}", file=sys.stderr)
        return 2
    problem = Problems()
    try:
        cat = json.loads(CATALOGUE.read_text(encoding="utf-8"))
        lib = json.loads(CONTROLS.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"无法读取数据文件：{e}", file=sys.stderr)
        return 1
    control_ids = {c["id"] for c in lib.get("controls", []) if isinstance(c, dict) and "id" in c} \
        if isinstance(lib, dict) else set()
    check_catalogue(problem, cat, control_ids)
    cat_sources = {s["id"]: s for s in cat.get("sources", []) if isinstance(s, dict) and "id" in s}
    check_controls(problem, lib, cat_sources)
    if problem.items:
        for item in problem.items:
            print(item, file=sys.stderr)
        print(f"共 {len(problem.items)} 个问题", file=sys.stderr)
        return 1
    doc = render_doc(cat, lib)
    if write:
        DOC.write_text(doc, encoding="utf-8")
        print(f"已写入 {DOC.relative_to(ROOT)}")
    elif not DOC.exists() or DOC.read_text(encoding="utf-8") != doc:
        print(f"{DOC.relative_to(ROOT)} 已过期：请运行 python3 assets/catalogue/check.py --write-docs", file=sys.stderr)
        return 1
    n = sum(len(d["criteria"]) for d in cat["domains"])
    print(f"通过：{len(cat['domains'])} 个领域，{n} 个评价项，{len(lib['controls'])} 条控制措施")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
