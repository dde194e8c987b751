const { Command } = require('@oclif/core');
module.exports = class Formal extends Command {
  async run() {
    this.log('good day');
  }
};
