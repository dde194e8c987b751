// A command as oclif's README writes one: found by the glob of the commands folder, then required.
const { Args, Command, Flags } = require('@oclif/core');
class Hello extends Command {
  static args = { person: Args.string({ required: true }) };
  static flags = { from: Flags.string({ char: 'f', default: 'oclif' }) };
  async run() {
    const { args, flags } = await this.parse(Hello);
    this.log(`hello ${args.person} from ${flags.from}`);
  }
}
module.exports = Hello;
