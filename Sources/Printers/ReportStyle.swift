/// Colours and the style sheet of the HTML report.
package enum ReportStyle {
    /// Router colours, in lane order: distinct from each other and from the anomaly colours (no red,
    /// orange or yellow).
    package static let routerColors = ["#2563eb", "#0d9488", "#7c3aed", "#16a34a", "#0284c7", "#4f46e5", "#65a30d", "#475569"]

    package static func routerColor(_ index: Int) -> String { routerColors[index % routerColors.count] }

    /// Per event kind: the colour of its badge or marker.
    package static func color(_ kind: String) -> String {
        switch kind {
        case "split-brain", "split-brain-end": "#dc2626"
        case "mismatch": "#ea580c"
        case "collision", "flood": "#a21caf"
        case "stale-arp", "conflict": "#db2777"
        case "silence": "#334155"
        case "late-advert": "#ca8a04"
        case "capture-gap": "#6b7280"
        case "resign": "#64748b"
        default: "#334155"
        }
    }

    package static let css = """
        :root { color-scheme: light; --ink: #0f172a; --muted: #64748b; --line: #e2e8f0; --panel: #ffffff; --bg: #f1f5f9; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 20px 24px 40px; background: var(--bg); color: var(--ink);
               font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        .mono, td.num, .data { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; }
        header.report { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 28px; margin-bottom: 14px; }
        header.report h1 { font-size: 22px; margin: 0; font-weight: 700; letter-spacing: -0.01em; }
        header.report h1 .tool { color: var(--muted); font-weight: 500; }
        .facts { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 14px; padding: 0; list-style: none; }
        .facts li { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 5px 11px; font-size: 13px; }
        .facts .k { display: block; font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
        .facts .v { font-weight: 600; }
        .facts li.bad { border-color: #fca5a5; background: #fef2f2; }
        .facts li.bad .v { color: #b91c1c; }
        .facts li.good .v { color: #15803d; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: center; background: var(--panel);
                  border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin-bottom: 18px; font-size: 12.5px; }
        .legend .item { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
        .legend svg { display: block; }
        section.vr { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px 16px;
                     margin-bottom: 22px; box-shadow: 0 1px 2px rgba(15,23,42,.05); }
        section.vr h2 { font-size: 18px; margin: 0 0 2px; display: flex; flex-wrap: wrap; gap: 10px; align-items: center; }
        section.vr .sub { color: var(--muted); font-size: 13px; margin-bottom: 10px; }
        .pill { display: inline-block; font-size: 12px; font-weight: 600; padding: 2px 9px; border-radius: 999px;
                background: #e2e8f0; color: #334155; }
        .pill.ok { background: #dcfce7; color: #166534; }
        .pill.bad { background: #fee2e2; color: #991b1b; }
        .pill.warn { background: #fef3c7; color: #92400e; }
        .scroll { overflow-x: auto; }
        svg.timeline { display: block; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; }
        svg.timeline text { font-size: 11px; fill: var(--ink); }
        svg.timeline .tick-label { fill: var(--muted); font-size: 11px; }
        svg.timeline .axis-date { fill: var(--muted); font-size: 11px; font-weight: 600; }
        svg.timeline .grid { stroke: #e2e8f0; stroke-width: 1; }
        svg.timeline .router-name { font-size: 13px; font-weight: 700; }
        svg.timeline .router-meta { font-size: 11px; fill: var(--muted); }
        svg.timeline .router-role { font-size: 10px; font-weight: 700; letter-spacing: .06em; }
        svg.timeline .span-label { fill: #ffffff; font-size: 11px; font-weight: 600; pointer-events: none;
                                   paint-order: stroke; stroke-width: 3px; stroke-linejoin: round; }
        svg.timeline .prio-label { font-size: 10px; font-weight: 700; paint-order: stroke; stroke: #ffffff;
                                   stroke-width: 3px; stroke-linejoin: round; }
        svg.timeline .badge-label { fill: #ffffff; font-size: 11px; font-weight: 600; pointer-events: none; }
        svg.timeline .lane-bg { fill: #ffffff; }
        svg.timeline .lane.odd .lane-bg { fill: #f8fafc; }
        svg.timeline .lane-bg.modelled { fill: #faf5ff; }
        svg.timeline .modelled-label { fill: #5b21b6; font-size: 11px; font-weight: 700; pointer-events: none;
                                       paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
        svg.timeline .lane:hover .lane-bg { fill: #eef2ff; }
        svg.timeline .master-span:hover, svg.timeline .advertising:hover { stroke: #0f172a; stroke-width: 1.5; }
        svg.timeline .badge:hover rect, svg.timeline .marker:hover { filter: brightness(0.85); }
        svg.timeline .band:hover { opacity: 0.85; }
        table { border-collapse: collapse; width: 100%; margin-top: 10px; font-size: 13px; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600;
             background: #f8fafc; }
        td.num, th.num { text-align: right; }
        td .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: -1px; }
        dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 12px 0 0; font-size: 13px; }
        dl.summary dt { color: var(--muted); }
        dl.summary dd { margin: 0; }
        details { margin-top: 10px; }
        details summary { cursor: pointer; color: #334155; font-weight: 600; font-size: 13px; }
        table.events td:first-child { white-space: nowrap; }
        .kind { font-weight: 700; }
        .empty { color: var(--muted); font-style: italic; }
        footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
        """
}
