/** The follow-up composer's chunk: loaded when a rep first points at or opens a follow-up, not with the workbench. */
export const loadFollowUpComposer = () => import("../../customers/components/FollowUpComposer");
