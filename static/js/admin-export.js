// The export form's "select all" box, bound here rather than in an inline
// onchange attribute, which the Content-Security-Policy blocks.
// onSelectToggleChange comes from import_export/export_selectable_fields.js.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", (event) => onSelectToggleChange(event));
  });
});
