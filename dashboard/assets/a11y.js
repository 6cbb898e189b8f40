/* Repairs three accessibility faults in the markup of Dash's own components, wherever they appear:
   - radio items come as a listbox of options wrapping radio inputs (nested controls, no name): made a named
     radio group of plain radios, named by the group around it;
   - a dropdown's hidden focus relay (aria-hidden yet reachable by Tab): taken out of the tab order, and its
     button, which opens the list by keyboard too, put in instead;
   - a slider's thumb has no name and announces an index: named by its label and read out as that label says. */
(function () {
    function fixRadios(root) {
        root.querySelectorAll(".dash-radioitems").forEach(function (list) {
            // Only what differs is written: each write is a mutation the observer below sees.
            if (list.getAttribute("role") !== "radiogroup") {
                list.setAttribute("role", "radiogroup");
            }
            var group = list.closest("[aria-label]");
            if (group && !list.hasAttribute("aria-label")) {
                list.setAttribute("aria-label", group.getAttribute("aria-label"));
            }
            // React puts aria-selected back on a choice, without its role, when the choice changes.
            list.querySelectorAll("label[role='option'], label[aria-selected]").forEach(function (option) {
                option.removeAttribute("role");
                option.removeAttribute("aria-selected");
            });
        });
    }

    function fixDropdowns(root) {
        root.querySelectorAll(".dash-dropdown-focus-target[aria-hidden='true']").forEach(function (relay) {
            if (relay.getAttribute("tabindex") === "-1") {
                return;
            }
            relay.setAttribute("tabindex", "-1");
            var button = relay.parentElement && relay.parentElement.querySelector("button.dash-dropdown");
            if (button) {
                button.setAttribute("tabindex", "0");
            }
        });
    }

    function fixSliders(root) {
        root.querySelectorAll(".dash-slider-container[id]").forEach(function (slider) {
            var label = document.querySelector("label[for='" + slider.id + "']");
            var thumb = slider.querySelector("[role='slider']");
            if (!label || !thumb) {
                return;
            }
            var text = label.textContent.trim();
            if (thumb.getAttribute("aria-label") !== text) {
                thumb.setAttribute("aria-label", text);
                thumb.setAttribute("aria-valuetext", text);
            }
        });
    }

    function repair() {
        fixRadios(document);
        fixDropdowns(document);
        fixSliders(document);
    }

    var pending = false;
    new MutationObserver(function () {
        if (pending) {
            return;
        }
        pending = true;
        window.requestAnimationFrame(function () {
            pending = false;
            repair();
        });
    }).observe(document.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ["aria-selected", "role"],
    });
    document.addEventListener("DOMContentLoaded", repair);
})();
