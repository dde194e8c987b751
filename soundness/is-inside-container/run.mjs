// As its README shows: one call, which probes /run/.containerenv, /.dockerenv and /proc/self/cgroup.
import isInsideContainer from 'is-inside-container';
if (typeof isInsideContainer() !== 'boolean') throw new Error('is-inside-container');
console.log('ok');
