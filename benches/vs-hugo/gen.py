#!/usr/bin/env python3
"""Generate the side-by-side corpus of benches/vs-hugo.sh from one seeded random source.

    gen.py OUT UNITS YEARS

OUT/zongjie : a zongjie project, UNITS units (one root, 9 cities, the rest towns) with a
              half-year file per unit per half of YEARS years (from 2015), ~27 figures and
              four Markdown sections with {{ }} figures each.
OUT/hugo    : a Hugo site with one page per half-year file: the same figures as front matter,
              the same Markdown with the figures as shortcodes, rates computed in the template,
              and one section page per unit.
"""
import os
import random
import sys

FIGURES = [
    ("inspections.units", 20, 400), ("inspections.groups", 2, 60),
    ("hazards.found", 10, 500), ("hazards.rectified", None, None),
    ("hazards.major", 0, 3), ("hazards.major_rectified", None, None),
    ("enforcement.cases", 0, 30), ("enforcement.fines_10k_yuan", 0, 80),
    ("drills.count", 1, 20), ("drills.comprehensive", None, None),
    ("drills.participants", 50, 3000), ("training.sessions", 1, 30),
    ("training.person_times", 100, 3000), ("training.covered", None, None),
    ("training.headcount", 300, 900), ("accidents.count", 0, 4),
    ("accidents.deaths", 0, 1), ("accidents.injuries", 0, 3),
    ("accidents.direct_loss_10k_yuan", 0, 50), ("emergency.plans", 5, 60),
    ("emergency.teams", 1, 12), ("emergency.team_members", 20, 400),
    ("publicity.materials", 500, 30000), ("publicity.events", 2, 40),
    ("workforce.employees", 1000, 90000), ("workforce.hours", 100000, 9000000),
    ("economy.gdp_100m_yuan", 5, 400),
]

SECTIONS = [
    ("work", "隐患排查整治", "组织检查{{ inspections.units }}家次，发现隐患{{ hazards.found }}处，同比{{ yoy.hazards.found }}，整改{{ hazards.rectified }}处，整改率{{ hazards.rectification_rate | pct }}。重大隐患{{ hazards.major }}处，已整改{{ hazards.major_rectified }}处。"),
    ("work", "应急演练和培训", "开展演练{{ drills.count }}次，参演{{ drills.participants }}人次；培训{{ training.sessions }}场{{ training.person_times }}人次，覆盖率{{ training.coverage | pct }}，同比{{ yoy.training.coverage }}。"),
    ("problems", "基层监管力量不足", "一是检查{{ inspections.groups }}组次，人员偏少；二是立案{{ enforcement.cases }}起，罚款{{ enforcement.fines_10k_yuan }}万元，震慑不够。"),
    ("plans", "持续抓好事故防范", "事故{{ accidents.count }}起，死亡{{ accidents.deaths }}人，受伤{{ accidents.injuries }}人，同比{{ yoy.accidents.count }}。下一步，继续宣传{{ publicity.events }}场、发放资料{{ publicity.materials }}份。"),
]


def figures(rng):
    v = {}
    for key, lo, hi in FIGURES:
        if lo is not None:
            v[key] = rng.randint(lo, hi)
    v["hazards.rectified"] = v["hazards.found"] - rng.randint(0, 3)
    v["hazards.major_rectified"] = v["hazards.major"]
    v["drills.comprehensive"] = rng.randint(0, v["drills.count"])
    v["training.covered"] = v["training.headcount"] - rng.randint(0, 30)
    return v


def units(n):
    """Folder paths of n units: a root, 9 cities, the rest spread over the cities as towns."""
    paths = ["省"]
    cities = [f"省/市{c}" for c in range(1, 10)]
    paths += cities
    for i in range(n - len(paths)):
        paths.append(f"{cities[i % 9]}/镇{i + 1}")
    return paths[:n]


def zongjie_file(v, half, year):
    groups = {}
    for key, val in v.items():
        g, k = key.split(".")
        groups.setdefault(g, []).append(f"{k}: {val}")
    out = ["author: 安全生产委员会办公室", f"date: {year}-{7 if half == 1 else 12}-28",
           "lead: |", f"  {year}年上半年，安全生产形势总体平稳。现将有关情况总结如下：" if half == 1
           else f"  {year}年下半年，安全生产形势总体平稳。现将有关情况总结如下：", "indicators:"]
    out += [f"  {g}: {{{', '.join(kv)}}}" for g, kv in groups.items()]
    for part in ("work", "problems", "plans"):
        out.append(f"{part}:")
        for p, title, body in SECTIONS:
            if p == part:
                out += [f"  - title: {title}", "    body: |", f"      {body}"]
    return "\n".join(out) + "\n"


def hugo_file(v, half, year, unit):
    fm = ["---", f'title: "{unit.split("/")[-1]}{year}年{"上" if half == 1 else "下"}半年安全生产工作总结"',
          f"date: {year}-{7 if half == 1 else 12:02d}-28", "params:"]
    fm += [f"  {k.replace('.', '_')}: {val}" for k, val in v.items()]
    fm.append("---")
    body = []
    for part, title, text in SECTIONS:
        text = text.replace(" | pct", "")
        for key in sorted(v, key=len, reverse=True):
            text = text.replace("{{ yoy." + key + " }}", '{{< yoy "' + key.replace(".", "_") + '" >}}')
            text = text.replace("{{ " + key + " }}", '{{< v "' + key.replace(".", "_") + '" >}}')
        text = text.replace("{{ hazards.rectification_rate }}", '{{< rate "hazards_rectified" "hazards_found" >}}')
        text = text.replace("{{ training.coverage }}", '{{< rate "training_covered" "training_headcount" >}}')
        text = text.replace("{{ yoy.training.coverage }}", '{{< yoy "training_covered" >}}')
        body += [f"## {title}", "", text, ""]
    return "\n".join(fm + [""] + body)


HUGO_LAYOUT = {
    "hugo.toml": 'baseURL = "/"\ntitle = "基准"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n',
    "layouts/_default/baseof.html": '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "layouts/_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<table><tr><th>指标</th><th>数值</th></tr>{{ range $k, $v := .Params.params }}<tr><td>{{ $k }}</td><td>{{ $v }}</td></tr>{{ end }}
{{ with .Params.params }}<tr><td>整改率</td><td>{{ if gt .hazards_found 0 }}{{ printf "%.1f" (mul 100.0 (div (float .hazards_rectified) .hazards_found)) }}%{{ else }}—{{ end }}</td></tr>
<tr><td>重大隐患整改率</td><td>{{ if gt .hazards_major 0 }}{{ printf "%.1f" (mul 100.0 (div (float .hazards_major_rectified) .hazards_major)) }}%{{ else }}—{{ end }}</td></tr>
<tr><td>培训覆盖率</td><td>{{ printf "%.1f" (mul 100.0 (div (float .training_covered) .training_headcount)) }}%</td></tr>{{ end }}</table>{{ end }}
""",
    "layouts/_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
    "layouts/shortcodes/v.html": '{{ index .Page.Params.params (.Get 0) }}',
    "layouts/shortcodes/yoy.html": '{{ $v := index .Page.Params.params (.Get 0) }}{{ if gt $v 100 }}增长{{ else }}下降{{ end }}',
    "layouts/shortcodes/rate.html": '{{ $n := index .Page.Params.params (.Get 0) }}{{ $d := index .Page.Params.params (.Get 1) }}{{ if gt $d 0 }}{{ printf "%.1f" (mul 100.0 (div (float $n) $d)) }}%{{ else }}—{{ end }}',
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    out, n_units, years = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(20261128)
    zj, hg = os.path.join(out, "zongjie"), os.path.join(out, "hugo")
    # Hugo makes HTML pages only: the Word and Excel outputs are off for a like-for-like build.
    write(os.path.join(zj, "zongjie.yaml"),
          "title: 基准测试\norganisation: 安委办\noutputs: {word: false, excel: false}\n")
    for name, text in HUGO_LAYOUT.items():
        write(os.path.join(hg, name), text)
    files = 0
    for unit in units(n_units):
        write(os.path.join(hg, "content", unit, "_index.md"), f'---\ntitle: "{unit.split("/")[-1]}"\n---\n')
        for year in range(2015, 2015 + years):
            for half in (1, 2):
                v = figures(rng)
                write(os.path.join(zj, "data", unit, f"{year}-H{half}.yaml"), zongjie_file(v, half, year))
                write(os.path.join(hg, "content", unit, f"{year}-h{half}.md"), hugo_file(v, half, year, unit))
                files += 1
    print(f"{files} half-year files for {n_units} units in {zj} and {hg}")


if __name__ == "__main__":
    main()
