const oldName = 1;
export default oldName + 1;
