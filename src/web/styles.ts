/** The page's one stylesheet (inlined with the script; no external font or file). */
export const CSS = `
:root { --blue:#0F6CBD; --red:#C50F1F; --red-bg:#FDE7E9; --amber:#BC4B09; --amber-bg:#FFF4CE; --green:#107C10; --green-bg:#DFF6DD;
  --line:#D1D1D1; --muted:#616161; --bg:#F5F5F5; --panel:#FFFFFF; }
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--bg); color: #242424;
  font: 14px/1.5 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; }
.app { max-width: 1600px; margin: 0 auto; padding: 12px 16px 24px; }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 0; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; margin-bottom: 10px; }
.privacy { margin: 0; color: var(--green); display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
.icon { flex: none; vertical-align: -3px; }
.toolbar { display: flex; flex-wrap: wrap; gap: 12px; align-items: stretch; margin-bottom: 8px; }
.drop-row { display: flex; gap: 8px; align-items: stretch; flex: 1 1 420px; }
.drop-zone { flex: 1; display: grid; grid-template-columns: auto 1fr; grid-template-rows: auto auto; column-gap: 12px; align-items: center; text-align: left;
  padding: 10px 16px; border: 2px dashed #8A8A8A; border-radius: 8px; background: var(--panel); color: var(--blue); cursor: pointer; font: inherit; }
.drop-zone .icon { grid-row: 1 / 3; }
.drop-zone:hover, .drop-over { border-color: var(--blue); background: #EBF3FC; }
.drop-title { font-weight: 600; font-size: 15px; }
.drop-hint { color: var(--muted); font-size: 12px; }
.btn { font: inherit; padding: 5px 12px; border: 1px solid var(--line); border-radius: 4px; background: var(--panel); color: #242424; cursor: pointer;
  display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
.btn:hover:not(:disabled) { background: #F0F0F0; border-color: #B3B3B3; }
.btn:disabled { color: #A0A0A0; cursor: default; }
.btn.primary { background: var(--blue); border-color: var(--blue); color: #fff; }
:focus-visible { outline: 2px solid var(--blue); outline-offset: 2px; }
.settings { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 6px 12px; }
.field { display: inline-flex; align-items: center; gap: 6px; margin: 0; }
.field select { font: inherit; padding: 3px 4px; max-width: 240px; }
fieldset.marks { border: 0; padding: 0; gap: 10px; }
fieldset.marks legend { float: left; margin-right: 6px; padding: 0; }
fieldset.marks label { display: inline-flex; align-items: center; gap: 2px; }
.downloads { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.progress { display: flex; align-items: center; gap: 10px; margin: 4px 0; }
.progress progress { width: 240px; }
.status { min-height: 1.5em; margin: 2px 0 8px; color: var(--muted); }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.intro ol { margin: 0 0 8px; padding-left: 22px; }
.layout { display: grid; grid-template-columns: 300px minmax(0, 1fr); gap: 12px; align-items: start; }
.files { position: sticky; top: 8px; max-height: calc(100vh - 16px); display: flex; flex-direction: column; }
.tally { margin: -4px 0 6px; color: var(--muted); }
.file-list { list-style: none; margin: 0; padding: 0; overflow: auto; }
.file-item { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 0 8px; padding: 6px 8px; border-radius: 4px; cursor: pointer; border-left: 3px solid transparent; }
.file-item:hover { background: #F0F0F0; }
/* Rows scrolled out of the list are not laid out (100s of files). */
.file-item { content-visibility: auto; contain-intrinsic-size: auto 48px; }
.file-item.selected { background: #EBF3FC; border-left-color: var(--blue); }
.file-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
.file-counts { grid-column: 1 / 3; font-size: 12px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.verdict { font-size: 12px; padding: 0 6px; border-radius: 10px; white-space: nowrap; align-self: center; border: 1px solid transparent; }
.verdict.big { font-size: 14px; padding: 2px 10px; font-weight: 600; }
.v-pass { background: var(--green-bg); color: var(--green); border-color: #9FD89F; }
.v-review { background: var(--amber-bg); color: #8A3707; border-color: #F9E2AE; }
.v-return { background: var(--red-bg); color: var(--red); border-color: #EEACB2; }
.v-fail { background: #E0E0E0; color: #424242; }
.v-none, .v-wait { background: #F0F0F0; color: var(--muted); }
.results-head { display: flex; align-items: center; gap: 12px; justify-content: space-between; }
.results-head h2 { margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.file-actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.error-note { color: var(--red); background: var(--red-bg); padding: 6px 10px; border-radius: 4px; }
.results-body { display: grid; grid-template-columns: minmax(300px, 380px) minmax(0, 1fr); gap: 12px; align-items: start; margin-top: 8px; }
.nav { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; position: sticky; top: 0; background: var(--panel); padding: 4px 0; z-index: 3; }
.nav-pos { font-variant-numeric: tabular-nums; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.form + .form { margin-top: 16px; border-top: 1px solid var(--line); padding-top: 12px; }
.form-sub { display: block; font-weight: 400; }
.summary-head { display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
.figures { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 6px; margin: 8px 0; }
.figures div { background: #FAFAFA; border: 1px solid #E0E0E0; border-radius: 4px; padding: 4px 8px; }
.figures dt { font-size: 12px; color: var(--muted); }
.figures dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.ok { color: var(--green); }
.group { margin-top: 8px; }
.group-title { font-weight: 600; display: flex; align-items: center; gap: 6px; margin-bottom: 4px; }
.finding { border: 1px solid #E0E0E0; border-left: 4px solid var(--line); border-radius: 4px; padding: 6px 8px; margin-bottom: 6px; cursor: pointer; }
.finding.sev-error { border-left-color: var(--red); }
.finding.sev-warning { border-left-color: #E9A23B; }
.finding.sev-info { border-left-color: var(--blue); }
.finding:hover { background: #FAFAFA; }
.finding.current { background: #EBF3FC; box-shadow: 0 0 0 2px var(--blue) inset; }
.finding-head { display: flex; align-items: center; gap: 6px; }
.cell-ref { font-weight: 700; font-family: Consolas, "DejaVu Sans Mono", monospace; }
.path { font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.finding-msg { margin-top: 2px; }
.finding-fig { font-size: 13px; color: #424242; margin-top: 2px; }
/* 忽略 / 已复核: dimmed, and said in words (not by the dimming alone). */
.finding.marked { opacity: 0.55; border-left-style: dashed; }
.finding.marked.current { opacity: 0.8; }
.finding-mark { font-size: 12px; font-weight: 600; color: #424242; margin-top: 2px; }
.mark-bar { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: -2px 0 8px; padding: 4px 8px; background: #FAFAFA; border: 1px solid #E0E0E0; border-radius: 4px; }
.mark-said { font-weight: 600; }
.mark-note input { font: inherit; padding: 2px 6px; width: 14em; max-width: 100%; border: 1px solid #8A8A8A; border-radius: 3px; }
.small-btn { padding: 2px 10px; font-size: 13px; }
.sheet-pane { position: sticky; top: 8px; min-width: 0; }
.sheet-title { margin-bottom: 6px; }
.sheet-scroll { overflow: auto; max-height: calc(100vh - 60px); border: 1px solid var(--line); background: #fff; }
table.sheet { border-collapse: separate; border-spacing: 0; table-layout: fixed; font-size: 12px; }
.sheet th, .sheet td { height: 24px; border-right: 1px solid #E1E1E1; border-bottom: 1px solid #E1E1E1; padding: 1px 4px;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.sheet thead th { position: sticky; top: 0; z-index: 2; background: #F3F3F3; color: #616161; font-weight: 400; text-align: center; }
.sheet th.row-head { position: sticky; left: 0; z-index: 1; background: #F3F3F3; color: #616161; font-weight: 400; text-align: center; }
.sheet th.corner { left: 0; z-index: 3; }
.sheet td.frozen { position: sticky; z-index: 1; background: #fff; }
.sheet thead th.frozen { z-index: 3; }
.sheet .frozen-edge { box-shadow: 2px 0 0 #C7C7C7; }
.sheet td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sheet td.mark-error { background: var(--red-bg); color: #8B0A15; cursor: pointer; }
.sheet td.mark-warning { background: var(--amber-bg); color: #6B2D06; cursor: pointer; }
.sheet td.mark-info { background: #E8F1FB; cursor: pointer; }
.cell-marker { font-size: 10px; margin-right: 3px; font-weight: 700; }
.marker-error { color: var(--red); }
.marker-warning { color: var(--amber); }
.marker-info { color: var(--blue); }
.sheet td.filler { border-right: 0; }
.sheet thead th.filler { color: #A0A0A0; }
.sheet td.cell-selected { outline: 3px solid var(--blue); outline-offset: -3px; }
.write-back { border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin-bottom: 8px; background: #FAFAFA; }
table.plan { border-collapse: collapse; margin-bottom: 8px; }
.plan th, .plan td { padding: 3px 8px; border-bottom: 1px solid #E0E0E0; text-align: left; }
.foot { margin-top: 16px; text-align: center; }
@media (max-width: 1100px) {
  .results-body { grid-template-columns: minmax(0, 1fr); }
  .sheet-pane { position: static; }
  .sheet-scroll { max-height: 420px; }
}
@media (max-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  .files { position: static; max-height: 340px; }
  .figures { grid-template-columns: repeat(2, minmax(0, 1fr)); }
}
`;
