"""The modal screen that asks each question a flow may ask (:mod:`tui_app.ui.flows.dialogs`).

The modals are imported when first asked: none of them is needed for the first frame.
"""

from __future__ import annotations

from textual.screen import ModalScreen

from ..flows.dialogs import (
    Confirm,
    ConfirmSubmit,
    CreateOutcome,
    OfferDraft,
    PickPreset,
    Prompt,
    Question,
)


def modal_for(question: Question) -> ModalScreen[object]:
    if isinstance(question, Confirm):
        from ..screens.confirm import ConfirmModal

        return ConfirmModal(question.title, question.body, confirm_label=question.label)
    if isinstance(question, Prompt):
        from ..screens.prompt import PromptModal

        return PromptModal(
            question.title,
            question.value,
            placeholder=question.placeholder,
            check=question.check,
            password=question.password,
        )
    if isinstance(question, PickPreset):
        from ..screens.preset_picker import PresetPicker

        return PresetPicker(
            question.entries,
            question.problems,
            templates_only=question.templates_only,
            current=question.current,
        )
    if isinstance(question, OfferDraft):
        from ..screens.restore_draft import RestoreDraft, draft_description

        draft = question.draft
        text = draft_description(
            draft.preset_name,
            draft.dirty_fields,
            draft.saved_at,
            draft.api_version,
            endpoint_name=draft.endpoint.get("name"),
        )
        return RestoreDraft(text, position=question.position)
    if isinstance(question, ConfirmSubmit):
        from ..screens.submit_confirm import submit_confirm

        return submit_confirm(
            question.resolved,
            version=question.version,
            target=question.target,
            sandbox=question.sandbox,
            product=question.product,
            update_of=question.update_of,
            changes=question.changes,
            taken=question.taken,
            cost=question.cost,
            no_key=question.no_key,
        )
    if isinstance(question, CreateOutcome):
        from ..screens.create_outcome import CreateOutcomeModal

        return CreateOutcomeModal(question.result, question.check)
    raise TypeError(f"no modal for {question!r}")
