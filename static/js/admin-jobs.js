// The jobs page reloads itself while a job is queued or running (the
// legend's data-refresh holds the seconds), so that a curator sees files
// finish.  A script file: the Content-Security-Policy allows no inline one.
// The pause button stops it (WCAG 2.2.1: a time limit the user can turn
// off), for this tab; nothing reloads while a job is ticked for an action.
document.addEventListener("DOMContentLoaded", () => {
  const legend = document.getElementById("jobs-legend");
  const seconds = Number(legend && legend.dataset.refresh);
  if (!seconds) return;
  const button = document.getElementById("jobs-pause");
  const status = document.getElementById("jobs-refresh-state");
  const PAUSED = "jobs-refresh-paused";
  let timer = null;

  function paused() {
    return sessionStorage.getItem(PAUSED) === "1";
  }

  function show() {
    const off = paused();
    button.textContent = off ? "恢复自动刷新 / resume refreshing" : "暂停自动刷新 / pause refreshing";
    button.setAttribute("aria-pressed", off ? "true" : "false");
    status.textContent = off
      ? "自动刷新已暂停 / refreshing is paused"
      : `正在处理，本页每 ${seconds} 秒自动刷新 / processing: this page refreshes every ${seconds} s`;
  }

  function schedule() {
    clearTimeout(timer);
    if (paused()) return;
    timer = setTimeout(() => {
      if (document.querySelector("#result_list input.action-select:checked")) {
        schedule();
      } else {
        window.location.reload();
      }
    }, seconds * 1000);
  }

  button.hidden = false;
  button.addEventListener("click", () => {
    sessionStorage.setItem(PAUSED, paused() ? "0" : "1");
    show();
    schedule();
  });
  show();
  schedule();
});
