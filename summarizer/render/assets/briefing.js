// Links the briefing's items and the article's highlights, both ways.
// Items and <mark>s name the evidence they hold in data-ev ("p0e0 a1e2"); an
// evidence key is its item's key plus "e" and a number.
(() => {
  "use strict";
  const pane = document.getElementById("article");
  const article = document.getElementById("article-text");
  const status = document.getElementById("selection");
  const smooth = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  const keysOf = (element) => (element.dataset.ev || "").split(" ").filter(Boolean);
  const itemKey = (evidenceKey) => evidenceKey.replace(/e\d+$/, "");
  const itemOf = (key) => document.getElementById("item-" + key);
  const titleOf = (item) => item.querySelector(".title").textContent;
  let cycle = { item: null, next: 0 };

  function marksOf(keys) {
    if (!article) return [];
    const found = new Set();
    for (const key of keys) {
      for (const mark of article.querySelectorAll('mark[data-ev~="' + key + '"]')) found.add(mark);
    }
    return [...found];
  }

  // The first mark of each evidence span, in document order.
  function spanStarts(keys) {
    return keys.map((key) => marksOf([key])[0]).filter(Boolean);
  }

  function setClass(name, elements) {
    for (const element of document.querySelectorAll("." + name)) element.classList.remove(name);
    for (const element of elements) element.classList.add(name);
  }

  function say(message) {
    if (status) status.textContent = message;
  }

  function highlight(marks, section) {
    if (!article) return;
    article.classList.toggle("has-selection", marks.length > 0);
    if (section) article.dataset.pick = section;
    else delete article.dataset.pick;
  }

  function clear() {
    setClass("is-selected", []);
    highlight([], null);
    cycle = { item: null, next: 0 };
    say("");
  }

  function showMark(mark) {
    if (!mark) return;
    const scrollable = pane && pane.scrollHeight > pane.clientHeight + 1 &&
      getComputedStyle(pane).overflowY !== "visible";
    if (scrollable) {
      const head = pane.querySelector(".article-head");
      const offset = head ? head.offsetHeight : 0;
      const box = mark.getBoundingClientRect();
      const frame = pane.getBoundingClientRect();
      const middle = frame.top + offset + (pane.clientHeight - offset) / 2;
      pane.scrollBy({ top: box.top + box.height / 2 - middle, behavior: smooth });
      if (frame.top < 0 || frame.bottom > window.innerHeight) {
        pane.scrollIntoView({ block: "nearest", behavior: smooth });
      }
    } else {
      mark.scrollIntoView({ block: "center", behavior: smooth });
    }
  }

  function showItem(item) {
    const box = item.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      item.scrollIntoView({ block: "center", behavior: smooth });
    }
  }

  function selectItem(item, onlyKey) {
    const keys = keysOf(item);
    const marks = marksOf(keys);
    setClass("is-selected", [item, ...marks]);
    highlight(marks, item.dataset.section);
    const starts = spanStarts(onlyKey ? [onlyKey] : keys);
    if (onlyKey) {
      showMark(starts[0]);
      const evidence = item.querySelector('.evidence[data-ev="' + onlyKey + '"]');
      if (evidence) evidence.classList.add("is-selected");
      cycle = { item, next: 0 };
    } else {
      const index = cycle.item === item ? cycle.next % Math.max(starts.length, 1) : 0;
      showMark(starts[index]);
      cycle = { item, next: index + 1 };
    }
    const spans = keys.length;
    say(spans ? titleOf(item) + ": " + spans + (spans === 1 ? " passage" : " passages") :
      titleOf(item) + ": no passage located in the article");
  }

  function selectMark(mark) {
    const keys = keysOf(mark);
    const items = [...new Set(keys.map(itemKey))].map(itemOf).filter(Boolean);
    const evidence = keys.map((key) => document.querySelector('.evidence[data-ev="' + key + '"]'));
    for (const shown of evidence) {
      const folded = shown && shown.closest("details");
      if (folded) folded.open = true;
    }
    const marks = marksOf(keys);
    setClass("is-selected", [...items, ...marks, ...evidence.filter(Boolean)]);
    highlight(marks, null);
    cycle = { item: null, next: 0 };
    if (items.length) showItem(items[0]);
    say("Supports " + items.map(titleOf).join(", "));
  }

  function light(elements, on) {
    for (const element of elements) element.classList.toggle("is-lit", on);
  }

  for (const item of document.querySelectorAll(".item")) {
    item.addEventListener("pointerenter", () => light(marksOf(keysOf(item)), true));
    item.addEventListener("pointerleave", () => light(marksOf(keysOf(item)), false));
    item.addEventListener("click", (event) => {
      const ref = event.target.closest(".ref[data-ref]");
      if (ref) {
        event.preventDefault();
        const target = itemOf(ref.dataset.ref);
        if (target) {
          selectItem(target);
          showItem(target);
        }
        return;
      }
      const evidence = event.target.closest(".evidence[data-ev]");
      selectItem(item, evidence ? evidence.dataset.ev : null);
    });
    item.addEventListener("keydown", (event) => {
      if (event.target === item && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        selectItem(item);
      }
    });
  }

  if (article) {
    const items = (mark) => [...new Set(keysOf(mark).map(itemKey))].map(itemOf).filter(Boolean);
    for (const mark of article.querySelectorAll("mark[data-ev]")) {
      mark.addEventListener("pointerenter", () => light(items(mark), true));
      mark.addEventListener("pointerleave", () => light(items(mark), false));
      mark.addEventListener("click", () => selectMark(mark));
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") clear();
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest(".item, mark[data-ev], a")) clear();
  });
})();
