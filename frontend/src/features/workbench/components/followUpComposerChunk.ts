import { withAllTexts } from "../../../i18n";

/**
 * The follow-up composer's chunk, with the texts of every feature (the composer speaks the
 * customers' namespace, which the workbench does not load): fetched when a rep first points at or
 * opens a follow-up, not with the workbench.
 */
export const loadFollowUpComposer = withAllTexts(() => import("../../customers/components/FollowUpComposer"));
