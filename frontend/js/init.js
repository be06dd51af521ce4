// Starts GOV.UK Frontend's components. Pages work without it; it adds the menu toggle and similar.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
