// What the boards list says when the viewer's own action took a board away from them. The live
// event of that same action (it can arrive before the page has left the board) says the same words.
export const boardDeletedNotice = (name: string) => `The board "${name}" was deleted.`;

export const boardLeftNotice = (name: string) => `You left the board "${name}".`;
