// Filters the digest's agreement and threat cards, and its party rows, as the reader types.
// Text matches an event's wording and party names; kind, status or severity, party and dates
// narrow further. Folded lists open while a filter is on, so that every match shows.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const fields = ["q", "kind", "status", "party", "from", "to"].map($);
  const [q, kind, status, party, from, to] = fields;
  if (!q) return;
  const cards = [...document.querySelectorAll("li.item[data-kind]")];
  const rows = [...document.querySelectorAll("tr[data-text]")];
  const folds = [...document.querySelectorAll("details.more")];
  const shown = $("shown");

  const matches = (card) => {
    const d = card.dataset;
    const text = q.value.trim().toLowerCase();
    const who = party.value.trim().toLowerCase();
    if (text && !text.split(/\s+/).every((word) => d.text.includes(word))) return false;
    if (kind.value && d.kind !== kind.value) return false;
    if (status.value && d.state !== status.value) return false;
    if (who && !d.parties.includes(who)) return false;
    if (from.value && (!d.last || d.last < from.value)) return false;
    if (to.value && (!d.first || d.first > to.value)) return false;
    return true;
  };

  const apply = () => {
    const active = fields.some((field) => field.value.trim());
    let count = 0;
    for (const card of cards) {
      const keep = matches(card);
      card.hidden = !keep;
      if (keep) count += 1;
    }
    const text = q.value.trim().toLowerCase();
    for (const row of rows) row.hidden = Boolean(text) && !row.dataset.text.includes(text);
    for (const fold of folds) if (active) fold.open = true;
    shown.value = active ? `${count} of ${cards.length} events shown` : "";
  };

  for (const field of fields) field.addEventListener("input", apply);
  document.querySelector("form.filters").addEventListener("submit", (e) => e.preventDefault());
  apply();
})();
