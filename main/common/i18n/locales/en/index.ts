// The en catalogue: one JSON file per namespace (who owns which is in ../../README.md).
import common from './common.json';
import shell from './shell.json';
import settings from './settings.json';
import library from './library.json';
import twilio from './twilio.json';
import upload from './upload.json';
import addressBook from './addressBook.json';
import errors from './errors.json';
import cli from './cli.json';
import desktop from './desktop.json';

export const en = { common, shell, settings, library, twilio, upload, addressBook, errors, cli, desktop };
