export const OPPORTUNITIES_PATH = "/opportunities";
export const BOARD_PATH = "/opportunities/board";
export const STAGES_PATH = "/system/pipeline-stages";
