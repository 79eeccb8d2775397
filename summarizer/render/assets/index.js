// Sorts the index table by the column whose header is clicked; again to reverse.
(() => {
  "use strict";
  const table = document.querySelector("table.index");
  if (!table) return;
  const body = table.tBodies[0];
  const headers = [...table.tHead.rows[0].cells];
  headers.forEach((header, column) => {
    header.querySelector("button").addEventListener("click", () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      const numeric = header.dataset.type === "number";
      const value = (row) => row.cells[column].dataset.sort || "";
      const rows = [...body.rows].sort((a, b) => {
        const order = numeric
          ? Number(value(a)) - Number(value(b))
          : value(a).localeCompare(value(b), undefined, { sensitivity: "base", numeric: true });
        return ascending ? order : -order;
      });
      for (const other of headers) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      body.append(...rows);
    });
  });
})();
